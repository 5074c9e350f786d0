#!/usr/bin/env python3
"""Turns bench/results/ (JMH's jmh.json and the other probes' output) into results.md and results.svg.

Usage: python3 report.py RESULTS_DIR
"""
import json
import math
import os
import re
import sys
from xml.sax.saxutils import escape

PEERS = ["turnout", "static-final-boolean", "hand-written", "togglz", "ff4j", "launchdarkly", "unleash",
         "openfeature-flagd"]
STICKY_PEERS = ["togglz", "launchdarkly", "unleash", "openfeature-flagd"]
PEER_BENCHMARKS = ["ruleMatch", "rollout", "buildContextAndEvaluate"]
GATED = ["directOriginal", "gatedOff", "directAlternate", "gatedOn", "directPlusEvaluation", "gatedRule"]
ZERO_BYTES = 0.5  # JMH's normalised allocation shows noise well below one byte for allocation-free code


def load(results):
    with open(os.path.join(results, "jmh.json")) as f:
        runs = json.load(f)
    table = {}
    for run in runs:
        cls, method = run["benchmark"].split(".")[-2:]
        params = run.get("params", {})
        key = (cls, method, tuple(sorted(params.items())))
        metric = run["primaryMetric"]
        alloc = None
        for name, secondary in run.get("secondaryMetrics", {}).items():
            if name.lstrip("\u00b7") == "gc.alloc.rate.norm":
                alloc = secondary["score"]
        raw = [x for fork in metric.get("rawData", []) for x in fork]
        table[key] = {"score": metric["score"], "error": float(metric.get("scoreError", "nan")),
                      "unit": metric["scoreUnit"], "alloc": alloc, "raw": raw}
    return table


def get(table, cls, method, **params):
    return table.get((cls, method, tuple(sorted((k, str(v)) for k, v in params.items()))))


def kv(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                m = re.match(r"^([\w.]+)=(.*)$", line.strip())
                if m:
                    values[m.group(1)] = m.group(2)
    return values


def ns(r):
    if r is None:
        return "—"
    err = r["error"]
    s = f"{r['score']:.2f}" if r["score"] < 100 else f"{r['score']:,.0f}"
    if err == err:  # not NaN
        s += f" ± {err:.2f}" if r["score"] < 100 else f" ± {err:,.0f}"
    return s


def bytes_op(r):
    if r is None or r["alloc"] is None:
        return "—"
    return "0" if r["alloc"] < ZERO_BYTES else f"{r['alloc']:,.0f}"


def verdict(ok):
    if ok is None:
        return "not measured"
    return "**met**" if ok else "**missed**"


def main(results):
    table = load(results)
    machine = open(os.path.join(results, "machine.txt")).read().strip() if os.path.exists(
        os.path.join(results, "machine.txt")) else ""
    sanity = open(os.path.join(results, "sanity.txt")).read() if os.path.exists(
        os.path.join(results, "sanity.txt")) else ""
    heap = kv(os.path.join(results, "heap.txt"))
    heap_line = [l for l in open(os.path.join(results, "heap.txt"))] if os.path.exists(
        os.path.join(results, "heap.txt")) else []
    retained = None
    histogram = []
    for line in heap_line:
        m = re.search(r"retainedBytes=(\d+)", line)
        if m:
            retained = int(m.group(1))
        if line.startswith("histogram "):
            histogram.append(line[len("histogram "):].rstrip())
    startup = kv(os.path.join(results, "startup.txt"))

    out = []
    w = out.append
    w("# Benchmark results")
    w("")
    w("Written by `bench/run.sh` (see `bench/README.md`); the raw numbers are in `jmh.json`, the logs beside it.")
    w("Reduced JMH settings (one fork, 3 × 1 s warm-up, 5 × 1 s measurement): errors are 99.9 % confidence")
    w("intervals over the five iterations. ns/op is the average time per operation, B/op JMH's")
    w("`gc.alloc.rate.norm`; ratio is the system's ns/op divided by Turnout's in the same run.")
    w("")
    w("## Machine")
    w("")
    w("```")
    w(machine)
    w("```")
    w("")
    w("Two cores are all the benchmark forks, the JIT and the GC have; a load average above 1 means other")
    w("processes shared them during the run, which widens the errors and raises the slower rows.")
    w("")

    # Goals
    t = {b: get(table, "PeersBenchmark", b, system="turnout") for b in PEER_BENCHMARKS}
    goals = []

    def goal(name, measured, ok):
        goals.append((name, measured, verdict(ok)))

    rm, ro = t["ruleMatch"], t["rollout"]
    goal("rule match ≤ 10 ns", f"{rm['score']:.2f} ns" if rm else "—", rm["score"] <= 10 if rm else None)
    goal("rollout ≤ 30 ns", f"{ro['score']:.2f} ns" if ro else "—", ro["score"] <= 30 if ro else None)
    allocs = []
    for b in ("ruleMatch", "rollout"):
        for flags in (10, 1000, 100000):
            r = get(table, "EvaluationBenchmark", b, flags=flags)
            if r and r["alloc"] is not None:
                allocs.append(r["alloc"])
        if t[b] and t[b]["alloc"] is not None:
            allocs.append(t[b]["alloc"])
    goal("0 bytes allocated per evaluation (rule match, rollout, every catalog size)",
         f"at most {max(allocs):.3f} B/op" if allocs else "—", max(allocs) < ZERO_BYTES if allocs else None)
    for b in PEER_BENCHMARKS:
        peers = [(p, get(table, "PeersBenchmark", b, system=p)) for p in STICKY_PEERS]
        peers = [(p, r) for p, r in peers if r]
        if peers and t[b]:
            p, r = min(peers, key=lambda pr: pr[1]["score"])
            ratio = r["score"] / t[b]["score"]
            goal(f"≥ 5× faster than the fastest sticky peer: {b}", f"{ratio:.1f}× ({p}, {r['score']:.1f} ns)",
                 ratio >= 5)
        else:
            goal(f"≥ 5× faster than the fastest sticky peer: {b}", "—", None)
    g = {m: get(table, "GatedBenchmark", m) for m in GATED}
    for gate, direct, label in (("gatedOff", "directOriginal", "off"), ("gatedOn", "directAlternate", "fully on")):
        if g[gate] and g[direct]:
            d = g[gate]["score"] - g[direct]["score"]
            goal(f"gated method, flag {label}: within 1 ns of the direct call", f"+{d:.2f} ns", d <= 1)
        else:
            goal(f"gated method, flag {label}: within 1 ns of the direct call", "—", None)
    if g["gatedRule"] and g["directPlusEvaluation"]:
        d = g["gatedRule"]["score"] - g["directPlusEvaluation"]["score"]
        err = g["gatedRule"]["error"] + g["directPlusEvaluation"]["error"]
        name = "gated method, rule-based: adds no more than one evaluation (gated ≤ direct + evaluation, 1 ns slack)"
        measured = f"{d:+.2f} ns against direct + evaluation (errors add up to ± {err:.1f} ns)"
        if d > 1 and d - err <= 1:
            goals.append((name, measured, "**not resolved**: the difference is within the error"))
        else:
            goal(name, measured, d <= 1)
    else:
        goal("gated method, rule-based: adds no more than one evaluation", "—", None)
    flat = []
    for b in ("ruleMatch", "rollout", "buildContextAndEvaluate"):
        small, large = get(table, "EvaluationBenchmark", b, flags=10), get(table, "EvaluationBenchmark", b, flags=100000)
        if small and large:
            flat.append((b, small["score"], large["score"]))
    if flat:
        worst = max(flat, key=lambda x: x[2] - x[1])
        ok = all(l <= s * 1.2 or l - s <= 2 for _, s, l in flat)
        goal("evaluation cost flat from 10 to 100,000 flags (within 20 % or 2 ns)",
             "; ".join(f"{b} {s:.1f} → {l:.1f} ns" for b, s, l in flat), ok)
    else:
        goal("evaluation cost flat from 10 to 100,000 flags", "—", None)
    load_r = get(table, "CatalogLoadBenchmark", "load", flags=10000)
    goal("10,000 flags load in under 300 ms",
         f"{load_r['score']:.0f} ms (mean of {len(load_r['raw'])} loads, max {max(load_r['raw']):.0f})" if load_r else "—",
         load_r["score"] < 300 if load_r else None)
    goal("10,000 flags hold under 20 MB", f"{retained / 1e6:.1f} MB" if retained is not None else "—",
         retained < 20e6 if retained is not None else None)
    added = startup.get("startup.added.ms")
    goal("the agent adds under 150 ms to start-up (median of 10)",
         f"{float(added):.0f} ms ({startup['startup.with.ms']} with, {startup['startup.without.ms']} without"
         + (f"; a no-op transformer alone adds {float(startup['startup.noop.added.ms']):.0f}"
            if startup.get("startup.noop.added.ms") else "") + ")" if added else "—",
         float(added) < 150 if added else None)
    reload = startup.get("reload.ms")
    goal("a catalog change routes new calls within 100 ms (median of 5)",
         f"{float(reload):.0f} ms (runs: {startup.get('reload.runs')})" if reload else "—",
         float(reload) <= 100 if reload else None)

    w("## Goals")
    w("")
    w("| goal | measured | |")
    w("|---|---|---|")
    for name, measured, v in goals:
        w(f"| {name} | {measured} | {v} |")
    w("")

    # Peers
    w("## Turnout and its peers: the typical flag")
    w("")
    w("`plan in [pro, enterprise]` → on, else a 10 % rollout by user key, through each system's own API.")
    w("Sticky peers (the ratio goal) are Togglz, LaunchDarkly, Unleash and OpenFeature/flagd; FF4J's percentage")
    w("is random per call, so its row is framework overhead only.")
    w("")
    w("| system | " + " | ".join(f"{b} ns/op | B/op | ratio" for b in PEER_BENCHMARKS) + " |")
    w("|---|" + "---:|---:|---:|" * len(PEER_BENCHMARKS))
    for p in PEERS:
        cells = []
        for b in PEER_BENCHMARKS:
            r = get(table, "PeersBenchmark", b, system=p)
            ratio = f"{r['score'] / t[b]['score']:.2f}×" if r and t[b] else "—"
            cells += [ns(r), bytes_op(r), ratio]
        w(f"| {p} | " + " | ".join(cells) + " |")
    w("")
    if sanity:
        w("Sanity check, before any timing (20,000 `free` keys; `pro`/`enterprise` always on):")
        w("")
        w("```")
        w("\n".join(l for l in sanity.splitlines() if l.startswith("sanity")))
        w("```")
        w("")

    # Gated
    w("## Gated methods through the agent")
    w("")
    w("| benchmark | ns/op | B/op |")
    w("|---|---:|---:|")
    for m in GATED:
        w(f"| {m} | {ns(g[m])} | {bytes_op(g[m])} |")
    w("")

    # Flags count
    w("## Catalog size")
    w("")
    w("| benchmark | 10 flags | 1,000 flags | 100,000 flags | B/op (100,000) |")
    w("|---|---:|---:|---:|---:|")
    for b in ("ruleMatch", "rollout", "buildContextAndEvaluate"):
        rs = [get(table, "EvaluationBenchmark", b, flags=f) for f in (10, 1000, 100000)]
        w(f"| {b} | " + " | ".join(ns(r) for r in rs) + f" | {bytes_op(rs[2])} |")
    w("")
    w("## Catalog load and retained heap (10,000 flags, each a rule and a percentage)")
    w("")
    if load_r:
        w(f"- load (parse, validate, compile), single shots: mean {load_r['score']:.1f} ms, "
          f"min {min(load_r['raw']):.1f}, max {max(load_r['raw']):.1f} ms, {bytes_op(load_r)} B allocated per load")
    if retained is not None:
        w(f"- retained heap of the engine: {retained:,} bytes ({retained / 1e6:.1f} MB, "
          f"{retained / 10000:,.0f} bytes per flag)")
    if histogram:
        w("")
        w("Live objects with the engine loaded (top of the JVM's class histogram):")
        w("")
        w("```")
        w("\n".join(histogram))
        w("```")
    w("")
    w("## Whole process (the sample application)")
    w("")
    if startup:
        w(f"- start-up to \"listening on\", median of 10: {startup.get('startup.without.ms')} ms without the agent, "
          f"{startup.get('startup.with.ms')} ms with it (runs without: {startup.get('startup.without.runs')}; "
          f"with: {startup.get('startup.with.runs')})")
        if startup.get("startup.noop.ms"):
            w(f"- the same with an agent whose only work is a class file transformer that returns null: "
              f"{startup.get('startup.noop.ms')} ms (runs: {startup.get('startup.noop.runs')})")
        w(f"- catalog file renamed over the old one → first response on the new route: median "
          f"{startup.get('reload.ms')} ms (runs: {startup.get('reload.runs')}; each includes starting `curl`)")
    else:
        w("- not measured in this run")
    shots = {a: get(table, "StartupBenchmark", "startUntilFirstAnswer", agent=a) for a in ("none", "agent")}
    if shots["none"] and shots["agent"]:
        def median(r):
            raw = sorted(r["raw"])
            n = len(raw)
            return raw[n // 2] if n % 2 else (raw[n // 2 - 1] + raw[n // 2]) / 2

        def shot_list(r):
            return " ".join(f"{x:.0f}" for x in r["raw"])

        w(f"- start-up to the first HTTP answer (JMH `StartupBenchmark`, {len(shots['none']['raw'])} single shots of "
          f"`java -jar` each): median {median(shots['none']):.0f} ms without the agent, {median(shots['agent']):.0f} ms "
          f"with it (shots without: {shot_list(shots['none'])}; with: {shot_list(shots['agent'])})")
    w("")
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results-notes.md")
    if os.path.exists(notes):
        w(open(notes).read().strip())
        w("")
    with open(os.path.join(results, "results.md"), "w") as f:
        f.write("\n".join(out))
    svg(table, os.path.join(results, "results.svg"), t)


def svg(table, path, t):
    groups = [("PeersBenchmark", b, [(p, get(table, "PeersBenchmark", b, system=p)) for p in PEERS]) for b in
              PEER_BENCHMARKS]
    groups.append(("GatedBenchmark", "gated vs direct", [(m, get(table, "GatedBenchmark", m)) for m in GATED]))
    colours = {"turnout": "#1f77b4", "static-final-boolean": "#7f7f7f", "hand-written": "#9e9e9e",
               "togglz": "#ff7f0e", "ff4j": "#bcbd22", "launchdarkly": "#2ca02c", "unleash": "#d62728",
               "openfeature-flagd": "#9467bd"}
    left, right, bar, gap, top = 190, 200, 16, 4, 50
    width = 1000
    plot = width - left - right
    lo, hi = 0.1, 100000.0

    def x(v):
        v = min(max(v, lo), hi)
        return left + plot * (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    rows = sum(len(items) + 2 for _, _, items in groups)
    height = top + rows * (bar + gap) + 40
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'font-family="sans-serif" font-size="12">',
         f'<rect width="{width}" height="{height}" fill="white"/>',
         f'<text x="{left}" y="22" font-size="16" font-weight="bold">ns/op per system and benchmark '
         f'(log scale; ratio to Turnout in parentheses)</text>']
    decade = lo
    while decade <= hi:
        xx = x(decade)
        label = f"{decade:g} ns" if decade < 1000 else f"{decade / 1000:g} µs"
        s.append(f'<line x1="{xx:.1f}" y1="{top - 8}" x2="{xx:.1f}" y2="{height - 30}" stroke="#ddd"/>')
        s.append(f'<text x="{xx:.1f}" y="{height - 14}" text-anchor="middle" fill="#555">{label}</text>')
        decade *= 10
    y = top
    for cls, name, items in groups:
        s.append(f'<text x="8" y="{y + bar - 3}" font-weight="bold">{escape(name)}</text>')
        y += bar + gap
        base = t.get(name) if cls == "PeersBenchmark" else None
        for label, r in items:
            s.append(f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{escape(label)}</text>')
            if r:
                colour = colours.get(label, "#1f77b4" if label.startswith("gated") else "#9e9e9e")
                s.append(f'<rect x="{left}" y="{y}" width="{x(r["score"]) - left:.1f}" height="{bar}" fill="{colour}"/>')
                text = f'{r["score"]:,.1f} ns'
                if base:
                    ratio = r["score"] / base["score"]
                    text += f' ({ratio:.2f}×)' if ratio < 1 else f' ({ratio:.1f}×)'
                s.append(f'<text x="{x(r["score"]) + 4:.1f}" y="{y + bar - 4}">{escape(text)}</text>')
            else:
                s.append(f'<text x="{left + 4}" y="{y + bar - 4}" fill="#999">not run</text>')
            y += bar + gap
        y += bar + gap
    s.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(s) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results")
