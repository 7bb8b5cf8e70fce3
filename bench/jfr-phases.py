#!/usr/bin/env python3
"""Where a snapshot run's CPU went, from a JFR recording (BENCHMARKS.md, "Snapshot job"): each execution sample is put
in the phase of its innermost frame that names one (decode, view, fold, cache, sort, parquet ...), optionally only
samples between two wall-clock times (HH:MM:SS[.fff], e.g. the full run's start and commit from the job's log).
  java -XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=run.jfr,settings=profile ...
  jfr print --stack-depth 300 --events jdk.ExecutionSample run.jfr > run.txt
  bench/jfr-phases.py run.txt [FROM TO]
"""
import re,collections,sys
txt=open(sys.argv[1]).read()
events=txt.split('jdk.ExecutionSample')
rules=[('generate (bench setup)','OrderArchiveGenerator'),('plain read (bench)','hashAgg_doAggregate_sum'),
('class/resource lookup','URLClassPath'),
('cache: columnar build','ColumnBuilder'),('cache: columnar build','ColumnStats'),
('cache: read','ColumnAccessor'),('cache: read','DefaultCachedBatchSerializer'),
('decode: envelope+payload','EventuateDecoder'),
('view: OrderHistoryView','OrderHistoryView'),
('update -> binary/key json','UpdateBinary.write'),('update -> binary/key json','DynamoJson.write(Item)'),
('scan: lines','ArchiveLines'),('scan: rows','ScannedLine'),('scan: rows','FileScanner'),
('fold: validate+apply','UpdateFold.apply'),('fold: read update','UpdateBinary.readUpdate'),('fold: item -> json','DynamoJson.write'),('fold: other','KeyFold'),
('view stage: row->event','EventRows'),('view stage: other','EventUpdates'),('scan: other','ScannedUpdates'),
('sort','UnsafeExternalSorter'),('sort','UnsafeInMemorySorter'),('sort','SpecificOrdering'),('sort','UnsafeExternalRowSorter'),
('shuffle write','ShuffleWriter'),('shuffle read','ShuffleBlockFetcherIterator'),('shuffle read','BlockStoreShuffleReader'),
('parquet write','parquet'),('json write','JsonOutputWriter'),('row projections','UnsafeProjection'),('row projections','SafeProjection'),('row projections','CatalystTypeConverters'),('row projections','RowEncoder'),('row projections','ExpressionEncoder'),
('spark codegen iterators','GeneratedIterator'),]
c=collections.Counter()
lo=sys.argv[2] if len(sys.argv)>2 else '00'
hi=sys.argv[3] if len(sys.argv)>3 else '99'
for e in events:
    t=re.search(r'startTime = (\S+)',e)
    if not t or not (lo <= t.group(1) <= hi): continue
    m=re.search(r'stackTrace = \[(.*?)\n\s*\]',e,re.S)
    if not m: continue
    frames=[l.strip() for l in m.group(1).strip().split('\n') if l.strip()]
    b='other (gc, jit, spark internals)'
    done=False
    for f in frames:
        for name,key in rules:
            if key in f:
                b=name; done=True; break
        if done: break
    c[b]+=1
tot=sum(c.values())
for k,v in c.most_common(): print(f"| {k} | {v} | {100*v/tot:.1f}% |")
print("| total samples |",tot,"| |")
