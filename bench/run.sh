#!/usr/bin/env bash
# Runs every benchmark and writes bench/results/: jmh.json (JMH's raw results), results.md (the table,
# with each goal met or missed), results.svg (the chart), and the logs they came from.
#   bench/run.sh                 everything (about 15 minutes on 2 cores)
#   BENCH_FILTER=Peers bench/run.sh   only the JMH benchmarks whose name matches (a JMH regexp)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench,sample-app -am package -DskipTests
cd bench
out=results
mkdir -p "$out"
cp="target/classes:$(cat target/classpath.txt)"
# Every fork gets a fixed heap, touched before the benchmark starts: a heap that grows during a run makes
# the JVM map fresh memory, and the page faults of that land in whichever benchmark allocates then (see
# results-notes.md). Applies to Turnout and to every peer alike.
heap="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc)"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "jmh: -f 1, 3 warm-up and 5 measured iterations of 1 s (load: 2 + 10 single shots), -prof gc, forks with $heap"
} > "$out/machine.txt"

echo "== sanity: every system's answers and rollout share"
java -cp "$cp" dev.turnout.bench.peer.Sanity 2>/dev/null | tee "$out/sanity.txt"

echo "== retained heap of 10,000 flags"
java -XX:+UseSerialGC -Xms1g -Xmx1g -cp "$cp" dev.turnout.bench.HeapProbe 10000 --histogram 2>/dev/null > "$out/heap.txt"
grep '^heap' "$out/heap.txt"

echo "== JMH (log in $out/jmh.log)"
java -cp "$cp" org.openjdk.jmh.Main ${BENCH_FILTER:-} -jvmArgsPrepend "$heap" -prof gc -rf json -rff "$out/jmh.json" > "$out/jmh.log" 2>&1 \
  || { tail -40 "$out/jmh.log"; exit 1; }
# JMH records the JVM's path; keep the results free of this machine's paths.
sed -i -E 's#/[^" ]*/bin/java#java#g' "$out/jmh.json" "$out/jmh.log"
grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$out/jmh.log" | grep -v 'gc\.' || true

if [[ -z "${BENCH_FILTER:-}" ]]; then
  echo "== whole process: start-up with and without the agent, catalog change to new routing"
  ./startup.sh | tee "$out/startup.txt"
fi

echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
python3 report.py "$out"
echo "wrote $out/results.md and $out/results.svg"
