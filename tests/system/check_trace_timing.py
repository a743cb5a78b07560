#!/usr/bin/env python3
"""Holds memvp's translation trace against the hart's own clock and checks that tracing never
changes timing. Runs trace_timing.elf twice (with and without --trace) and checks:
  - both runs print the same console output and report the same cycle count in --stats;
  - the trace holds exactly two translations of the bracketed address: a walk then an L1 hit;
  - each record's cycle is the load's issue cycle (the mcycle read before it, plus one) and the
    mcycle read after it equals issue cycle + translation latency + 1 (docs/core.md timing rules:
    one issue cycle, the translation latency, no other stall on this path: flat memory, so
    both runs are on platforms/functional.toml).
Usage: check_trace_timing.py MEMVP ELF TOOLS_DIR WORK_DIR"""
import json
import subprocess
import sys
from pathlib import Path


def run(memvp, elf, work, name, trace):
    stats = work / f"{name}.json"
    functional = Path(__file__).resolve().parents[2] / "platforms" / "functional.toml"
    cmd = [memvp, "run", elf, "--platform", str(functional), "--quiet", "--stats", str(stats)]
    if trace:
        cmd += ["--trace", str(trace)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()}")
    return out.stdout.replace("\r", ""), json.loads(stats.read_text())


def main():
    memvp, elf, tools, work = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
    work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(tools))
    import memvp_trace  # noqa: E402  (tools/memvp_trace.py)

    trace = work / "trace_timing.trace"
    plain_out, plain_stats = run(memvp, elf, work, "untraced", None)
    traced_out, traced_stats = run(memvp, elf, work, "traced", trace)
    failures = []
    if plain_out != traced_out:
        failures.append(f"console differs with tracing:\n{plain_out}\n---\n{traced_out}")
    if plain_stats["harts"][0]["cycles"] != traced_stats["harts"][0]["cycles"]:
        failures.append(f"cycles differ: {plain_stats['harts'][0]['cycles']} untraced, "
                        f"{traced_stats['harts'][0]['cycles']} traced")

    lines = dict(line.split(" ", 1) for line in traced_out.strip().splitlines())
    va = int(lines["va"], 16)
    c0, c1, c2 = (int(x) for x in lines["cycles"].split())
    records = memvp_trace.load(str(trace))
    mine = records[records["va"] == va]
    outcome = {0: "l1_hit", 1: "l2_hit", 2: "walk", 3: "fault"}
    if len(mine) != 2:
        failures.append(f"expected 2 translations of {va:#x}, found {len(mine)}")
    else:
        first, second = mine[0], mine[1]
        for rec, before, after, want in ((first, c0, c1, "walk"), (second, c1, c2, "l1_hit")):
            got = outcome.get(int(rec["outcome"]), "?")
            if got != want:
                failures.append(f"record at cycle {rec['cycle']}: outcome {got}, expected {want}")
            if int(rec["cycle"]) != before + 1:
                failures.append(f"record cycle {rec['cycle']}, expected {before + 1} (mcycle before + 1)")
            if after != int(rec["cycle"]) + int(rec["latency_cycles"]) + 1:
                failures.append(f"mcycle after the load is {after}, expected cycle {rec['cycle']} + "
                                f"latency {rec['latency_cycles']} + 1")
        if int(first["latency_cycles"]) == 0:
            failures.append("the walk has zero latency")
    if failures:
        print("FAIL:\n" + "\n".join(failures))
        sys.exit(1)
    print(f"ok: walk {int(mine[0]['latency_cycles'])} cycles, L1 hit {int(mine[1]['latency_cycles'])} "
          f"cycles; {traced_stats['harts'][0]['cycles']} cycles with and without tracing")


if __name__ == "__main__":
    main()
