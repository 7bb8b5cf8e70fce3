package dev.reproject.lifecycle.retire;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link ConsumerGroups} through Kafka's admin client. */
public final class KafkaConsumerGroups implements ConsumerGroups {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;

    public KafkaConsumerGroups(Admin admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    @Override
    public int members(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw failed("describe", group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing consumer group " + group, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe consumer group " + group + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public boolean delete(String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new IllegalStateException("consumer group " + group + " has active members: a live updater "
                        + "of the rebuild is running; stop it and run retire again", e);
            }
            throw failed("delete", group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting consumer group " + group, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not delete consumer group " + group + " within "
                    + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static IllegalStateException failed(String what, String group, ExecutionException e) {
        return new IllegalStateException("could not " + what + " consumer group " + group + ": "
                + e.getCause().getMessage(), e.getCause());
    }
}
