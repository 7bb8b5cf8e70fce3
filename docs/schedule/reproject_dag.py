"""reproject on a schedule (Airflow 2.x, apache-airflow-providers-amazon): the snapshot job every day on EMR
Serverless and, when the run's conf asks for it ({"rebuild": true}), the rebuild after it.

Each job writes its run summary to <snapshots>/<view>/runs/<run id>.json, failed runs too; after each job a
check task reads it, logs it and fails unless its exitStatus is 0 (a snapshot that finds nothing new is 0,
status "nothing-new"). A job run that EMR Serverless reports as failed fails its task as well.

Replace the placeholders as in docs/emr-serverless/*.json (README, "EMR Serverless"). The job arguments stay
plain lists of double-quoted strings: cli/src/test/.../ScheduledRunsDocumentsTest parses them with each job's
own command.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.exceptions import AirflowException
from airflow.models.param import Param
from airflow.operators.python import PythonOperator, ShortCircuitOperator
from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.amazon.aws.operators.emr import EmrServerlessStartJobOperator
from airflow.utils.state import TaskInstanceState
from airflow.utils.trigger_rule import TriggerRule
from botocore.exceptions import ClientError

log = logging.getLogger(__name__)

AWS_CONN_ID = "aws_default"
APPLICATION_ID = "APPLICATION_ID"
SNAPSHOT_ROLE_ARN = "arn:aws:iam::ACCOUNT_ID:role/reproject-snapshot-job"
REBUILD_ROLE_ARN = "arn:aws:iam::ACCOUNT_ID:role/reproject-rebuild-job"
LOG_URI = "s3://LOGS_BUCKET/LOGS_PREFIX/"
TIMEOUT_MINUTES = 360

SNAPSHOT_JAR = "s3://JARS_BUCKET/jars/reproject-job-jars-0.1.0-SNAPSHOT-snapshot-emr.jar"
SNAPSHOT_SPARK_SUBMIT = "--class dev.reproject.snapshot.cli.SnapshotMain --conf spark.driver.cores=2 --conf spark.driver.memory=8g --conf spark.executor.cores=4 --conf spark.executor.memory=16g --conf spark.dynamicAllocation.maxExecutors=20"
SNAPSHOT_ARGS = [
    "--archive", "s3://ARCHIVE_BUCKET/ARCHIVE_PREFIX",
    "--snapshots", "s3://SNAPSHOTS_BUCKET/SNAPSHOTS_PREFIX",
    "--region", "REGION",
    "--catalog-table", "reproject-catalog",
    "--run-id", "{{ run_id }}-snapshot",
    "--json",
]

REBUILD_JAR = "s3://JARS_BUCKET/jars/reproject-job-jars-0.1.0-SNAPSHOT-rebuild-emr.jar"
REBUILD_SPARK_SUBMIT = "--class dev.reproject.rebuild.cli.RebuildMain --conf spark.driver.cores=2 --conf spark.driver.memory=8g --conf spark.executor.cores=4 --conf spark.executor.memory=16g --conf spark.dynamicAllocation.maxExecutors=10"
REBUILD_ARGS = [
    "--archive", "s3://ARCHIVE_BUCKET/ARCHIVE_PREFIX",
    "--snapshots", "s3://SNAPSHOTS_BUCKET/SNAPSHOTS_PREFIX",
    "--table", "ftgo-order-history",
    "--write-rate", "1000",
    "--region", "REGION",
    "--run-id", "{{ run_id }}-rebuild",
    "--json",
]


def option(args, name, default=None):
    """The value after name in a job's arguments."""
    return args[args.index(name) + 1] if name in args else default


def clean_run_id(run_id):
    """The file name the jobs give a run id (RunIds.clean): other characters than letters, digits, '.', '_'
    and '-' become '-', e.g. the colons and '+' of scheduled__2026-12-07T03:00:00+00:00."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", run_id.strip())


def run_summary_location(args):
    """(bucket, key) of <snapshots>/<view>/runs/<run id>.json, from a job's rendered arguments."""
    match = re.fullmatch(r"s3a?://([^/]+)/?(.*)", option(args, "--snapshots"))
    bucket, prefix = match.group(1), match.group(2).strip("/")
    view = option(args, "--view", "order-history")
    name = clean_run_id(option(args, "--run-id")) + ".json"
    return bucket, "/".join(part for part in (prefix, view, "runs", name) if part)


def check_run(job_task_id, args, **context):
    """Logs the run summary of the job task's run and fails unless the job run succeeded with exit status 0."""
    bucket, key = run_summary_location(args)
    job = context["dag_run"].get_task_instance(job_task_id)
    try:
        summary = json.loads(S3Hook(aws_conn_id=AWS_CONN_ID).read_key(key, bucket_name=bucket))
    except ClientError as e:
        raise AirflowException(
            f"{job_task_id}: no run summary at s3://{bucket}/{key} ({e.response['Error']['Code']}): the job kept "
            f"none (it did not start, its options were refused or its driver was lost); see the task's log and "
            f"the driver log under {LOG_URI}") from e
    log.info("%s run summary s3://%s/%s: %s", job_task_id, bucket, key, json.dumps(summary))
    started = datetime.strptime(summary["startedAt"][:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    if job.start_date is not None and started + timedelta(seconds=1) < job.start_date:
        raise AirflowException(
            f"{job_task_id}: s3://{bucket}/{key} is from an earlier attempt (started {summary['startedAt']}, the "
            f"task at {job.start_date.isoformat()}): this attempt kept no summary; see its driver log")
    if summary.get("exitStatus") != 0:
        raise AirflowException(
            f"{job_task_id} ended with exit status {summary.get('exitStatus')} ({summary.get('exitMeaning')}): "
            f"{summary.get('error', summary.get('status'))}")
    if job.state != TaskInstanceState.SUCCESS:
        raise AirflowException(f"{job_task_id}: the job run did not succeed ({job.state}) although its summary "
                               f"says exit status 0; see its driver log")


def rebuild_requested(**context):
    return bool(context["params"]["rebuild"])


def job_driver(jar, spark_submit, args):
    return {"sparkSubmit": {"entryPoint": jar, "entryPointArguments": args, "sparkSubmitParameters": spark_submit}}


MONITORING = {"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": LOG_URI}}}

with DAG(
    dag_id="reproject",
    description="reproject snapshot daily on EMR Serverless; the rebuild after it with conf {\"rebuild\": true}",
    schedule="0 3 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    params={"rebuild": Param(False, type="boolean", description="run the rebuild after the snapshot")},
    default_args={"retries": 0},
    tags=["reproject"],
) as dag:
    # a failed job is run again as a decision, not by Airflow: retries 0, and EMR Serverless does not retry
    # batch job runs unless asked to
    snapshot = EmrServerlessStartJobOperator(
        task_id="snapshot",
        application_id=APPLICATION_ID,
        execution_role_arn=SNAPSHOT_ROLE_ARN,
        job_driver=job_driver(SNAPSHOT_JAR, SNAPSHOT_SPARK_SUBMIT, SNAPSHOT_ARGS),
        configuration_overrides=MONITORING,
        config={"executionTimeoutMinutes": TIMEOUT_MINUTES},
        name="reproject snapshot",
        wait_for_completion=True,
        waiter_delay=60,
        waiter_max_attempts=TIMEOUT_MINUTES + 10,
        aws_conn_id=AWS_CONN_ID,
    )
    check_snapshot = PythonOperator(
        task_id="check_snapshot",
        python_callable=check_run,
        op_kwargs={"job_task_id": "snapshot", "args": SNAPSHOT_ARGS},
        trigger_rule=TriggerRule.ALL_DONE,
    )
    wants_rebuild = ShortCircuitOperator(task_id="rebuild_requested", python_callable=rebuild_requested)
    rebuild = EmrServerlessStartJobOperator(
        task_id="rebuild",
        application_id=APPLICATION_ID,
        execution_role_arn=REBUILD_ROLE_ARN,
        job_driver=job_driver(REBUILD_JAR, REBUILD_SPARK_SUBMIT, REBUILD_ARGS),
        configuration_overrides=MONITORING,
        config={"executionTimeoutMinutes": TIMEOUT_MINUTES},
        name="reproject rebuild",
        wait_for_completion=True,
        waiter_delay=60,
        waiter_max_attempts=TIMEOUT_MINUTES + 10,
        aws_conn_id=AWS_CONN_ID,
    )
    check_rebuild = PythonOperator(
        task_id="check_rebuild",
        python_callable=check_run,
        op_kwargs={"job_task_id": "rebuild", "args": REBUILD_ARGS},
        trigger_rule=TriggerRule.ALL_DONE,
    )

    snapshot >> check_snapshot >> wants_rebuild >> rebuild >> check_rebuild
