#!/usr/bin/env bash
# Whole-process figures of the sample application, with plain tools (bash, date, curl):
#  1. start-up: from launching the JVM to its "listening on" line, without an agent, with the Turnout agent,
#     and with an agent that only registers a class file transformer returning null (the part of any
#     transforming agent's cost that is the JVM's: every class loaded is handed to the transformer); in
#     turn, median of RUNS, default 10;
#  2. catalog change to new routing: from the moment a new catalog file is renamed over the old one to
#     the first HTTP response that takes the new route (median of 5 changes, polling every few ms).
# Needs the sample and the agent built (bench/run.sh builds them). Prints `key=value` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
agent=agent/target/turnout-agent-0.1.0-SNAPSHOT.jar
app=sample-app/target/turnout-sample-app-0.1.0-SNAPSHOT.jar
[[ -f $agent && -f $app ]] || { echo "build first: mvn -B -q -pl sample-app,bench -am package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp sample-app/flags.yaml "$work/flags.yaml"

# The no-op agent, built here with the JDK's own tools.
mkdir -p "$work/noop"
cat > "$work/noop/NoopAgent.java" <<'JAVA'
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

public final class NoopAgent implements ClassFileTransformer {
  public static void premain(String arguments, Instrumentation instrumentation) {
    instrumentation.addTransformer(new NoopAgent(), true);
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    return null;
  }
}
JAVA
printf 'Premain-Class: NoopAgent\nCan-Retransform-Classes: true\n' > "$work/noop/manifest.txt"
javac -d "$work/noop" "$work/noop/NoopAgent.java"
jar cfm "$work/noop.jar" "$work/noop/manifest.txt" -C "$work/noop" NoopAgent.class

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Starts the sample (the -javaagent option in $1, empty for none); sets pid, port and ms (the start-up time).
start() {
  local log="$work/out.log" t0 line
  rm -f "$log"
  t0=$(now_ms)
  if [[ -n $1 ]]; then
    java -Xshare:auto "$1" -jar "$app" --port 0 --data "$work/data" > "$log" 2>&1 &
  else
    java -Xshare:auto -jar "$app" --port 0 --data "$work/data" > "$log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 6000); do
    if line=$(grep -m1 'listening on' "$log" 2>/dev/null); then
      ms=$(( $(now_ms) - t0 ))
      port=${line##*localhost:}; port=${port%/}
      return 0
    fi
    sleep 0.005
  done
  echo "the sample did not start:" >&2; cat "$log" >&2; exit 1
}

stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }

turnout="-javaagent:$agent=flags=$work/flags.yaml,env=development"
noop="-javaagent:$work/noop.jar"
# One start of each, not counted: the database is created and the page cache is warm.
start "$turnout"; stop
start "$noop"; stop
start ""; stop
with=(); without=(); noops=()
for _ in $(seq 1 "$runs"); do
  start ""; without+=("$ms"); stop
  start "$turnout"; with+=("$ms"); stop
  start "$noop"; noops+=("$ms"); stop
done
m_without=$(printf '%s\n' "${without[@]}" | median)
m_with=$(printf '%s\n' "${with[@]}" | median)
m_noop=$(printf '%s\n' "${noops[@]}" | median)
echo "startup.without.ms=$m_without"
echo "startup.with.ms=$m_with"
echo "startup.added.ms=$(awk -v a="$m_with" -v b="$m_without" 'BEGIN {print a - b}')"
echo "startup.noop.ms=$m_noop"
echo "startup.noop.added.ms=$(awk -v a="$m_noop" -v b="$m_without" 'BEGIN {print a - b}')"
echo "startup.without.runs=${without[*]}"
echo "startup.with.runs=${with[*]}"
echo "startup.noop.runs=${noops[*]}"

# Catalog change to new routing: `dee` joins the beta-testers segment, so her task list gains `count`.
start "$turnout"
url="http://127.0.0.1:$port/api/tasks"
has_count() { curl -s -H 'X-User: dee' "$url" | grep -q '"count"'; }
reloads=()
for i in 1 2 3 4 5; do
  if (( i % 2 )); then
    sed 's/keys: \[bob\]/keys: [bob, dee]/' sample-app/flags.yaml > "$work/next.yaml"; want=0
  else
    cp sample-app/flags.yaml "$work/next.yaml"; want=1
  fi
  sleep 1
  t0=$(now_ms)
  mv "$work/next.yaml" "$work/flags.yaml"
  for _ in $(seq 1 2000); do
    if has_count; then got=0; else got=1; fi
    [[ $got == "$want" ]] && break
    sleep 0.002
  done
  [[ $got == "$want" ]] || { echo "the change was not routed within the wait" >&2; exit 1; }
  reloads+=($(( $(now_ms) - t0 )))
done
stop
echo "reload.ms=$(printf '%s\n' "${reloads[@]}" | median)"
echo "reload.runs=${reloads[*]}"
