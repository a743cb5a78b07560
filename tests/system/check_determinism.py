#!/usr/bin/env python3
"""Determinism: the same ELF and options give the same console output, the same statistics
(apart from host time and host speed) and a byte-identical translation trace (and event trace,
with the event port), run after run. With --progress, the second run reports its progress on
stderr (README "Run options"), which must change none of these and stay out of the console.
Usage: check_determinism.py [--progress] MEMVP ELF WORK_DIR [MEMVP RUN OPTIONS...]"""
import filecmp
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

HOST_DEPENDENT = {"host_seconds", "mips"}


def without_host_figures(node):
    if isinstance(node, dict):
        return {k: without_host_figures(v) for k, v in node.items() if k not in HOST_DEPENDENT}
    if isinstance(node, list):
        return [without_host_figures(v) for v in node]
    return node


def trace_records(trace):
    """Records (translations and flushes) in a plain trace: (file size - header_size) /
    record_size, with header_size and record_size read from the header (docs/trace.md, "File
    layout")."""
    with open(trace, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[:8] != b"MVPTRACE":
        sys.exit(f"FAIL: {trace} has no memvp trace header")
    header_size, record_size = struct.unpack_from("<II", head, 12)
    body = trace.stat().st_size - header_size
    if body < 0 or body % record_size != 0:
        sys.exit(f"FAIL: {trace}: {body} bytes after the {header_size}-byte header are not "
                 f"whole {record_size}-byte records")
    return body // record_size


PROGRESS_LINE = re.compile(r"memvp: [0-9.]+[kMGT]? cycles, [0-9.]+[kMGT]? instructions, [0-9.]+ MIPS, "
                           r"[0-9.]+ s host, hart 0: (U|S|M|wfi)( pid [0-9]+)?")


def check_progress(stderr):
    """The progress lines (one per update, stderr being a pipe), then the summary line."""
    lines = stderr.decode().splitlines()
    progress = [line for line in lines if PROGRESS_LINE.fullmatch(line)]
    if not progress or len(lines) != len(progress) + 1 or not lines[-1].startswith("memvp: "):
        sys.exit("FAIL: --progress: expected progress lines and a summary on stderr, got:\n" + "\n".join(lines))
    return len(progress)


def run(memvp, elf, work, n, extra, progress=False):
    stats, trace = work / f"run{n}.json", work / f"run{n}.trace"
    cmd = [memvp, "run", elf, "--progress" if progress else "--quiet", "--stats", str(stats), "--trace", str(trace),
           *extra]
    out = subprocess.run(cmd, capture_output=True, timeout=300)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.decode().strip()}")
    if progress:
        print(f"{check_progress(out.stderr)} progress line(s) on stderr")
    return out.stdout, without_host_figures(json.loads(stats.read_text())), trace


def main():
    args = sys.argv[1:]
    progress = args[:1] == ["--progress"]
    if progress:
        args = args[1:]
    memvp, elf, work, extra = args[0], args[1], Path(args[2]), args[3:]
    work.mkdir(parents=True, exist_ok=True)
    first, second = run(memvp, elf, work, 1, extra), run(memvp, elf, work, 2, extra, progress)
    failures = []
    events = [Path(f"{t}.events") for t in (first[2], second[2])]
    if events[0].exists() != events[1].exists() or (
            events[0].exists() and not filecmp.cmp(events[0], events[1], shallow=False)):
        failures.append("event traces differ between identical runs")
    if first[0] != second[0]:
        failures.append("console output differs between identical runs")
    if first[1] != second[1]:
        failures.append("statistics differ between identical runs")
    if not filecmp.cmp(first[2], second[2], shallow=False):
        failures.append("translation traces differ between identical runs")
    records = trace_records(first[2])
    if records == 0:
        failures.append("the trace holds only its header: the program made no translations")
    if failures:
        print("FAIL: " + "; ".join(failures))
        sys.exit(1)
    print(f"ok: 2 runs, {first[1]['sim']['cycles']} cycles, identical console, statistics and "
          f"{first[2].stat().st_size}-byte trace ({records} records)")


if __name__ == "__main__":
    main()
