#!/usr/bin/env python3
"""Determinism: the same ELF and options give the same console output, the same statistics
(apart from host time and host speed) and a byte-identical translation trace, run after run.
Usage: check_determinism.py MEMVP ELF WORK_DIR [MEMVP RUN OPTIONS...]"""
import filecmp
import json
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
    """Records in a plain version-1 trace: (file size - header_size) / record_size, with
    header_size and record_size read from the header (docs/trace.md, "File layout")."""
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


def run(memvp, elf, work, n, extra):
    stats, trace = work / f"run{n}.json", work / f"run{n}.trace"
    cmd = [memvp, "run", elf, "--quiet", "--stats", str(stats), "--trace", str(trace), *extra]
    out = subprocess.run(cmd, capture_output=True, timeout=300)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.decode().strip()}")
    return out.stdout, without_host_figures(json.loads(stats.read_text())), trace


def main():
    memvp, elf, work, extra = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
    work.mkdir(parents=True, exist_ok=True)
    first, second = run(memvp, elf, work, 1, extra), run(memvp, elf, work, 2, extra)
    failures = []
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
