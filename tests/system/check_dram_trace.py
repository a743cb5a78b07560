#!/usr/bin/env python3
"""Holds the DRAM trace (docs/trace.md, "DRAM trace") against the DDR4 controller's statistics
and checks that recording it never changes timing. Runs ELF twice with the given memvp options,
with and without --trace, and checks:
  - both runs print the same console and give the same statistics (host figures aside);
  - FILE.dram holds whole-interval samples in cycle order, each of kDramSampleCycles (1000);
  - per node, the samples' bytes read and written are the controller's reads and writes times
    its 64-byte bursts, exactly.
Usage: check_dram_trace.py MEMVP ELF WORK_DIR [MEMVP-OPTIONS...]"""
import json
import struct
import subprocess
import sys
from pathlib import Path

INTERVAL = 1000
BURST = 64


def run(memvp, elf, work, name, options, trace):
    stats = work / f"{name}.json"
    cmd = [memvp, "run", elf, *options, "--quiet", "--stats", str(stats)]
    if trace:
        cmd += ["--trace", str(trace)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()}")
    doc = json.loads(stats.read_text())
    for key in ("host_seconds", "mips"):
        doc["sim"].pop(key)
    return out.stdout, doc


def samples(path):
    raw = path.read_bytes()
    if raw[:8] != b"MVPDRAMS":
        sys.exit(f"FAIL: {path} does not start with MVPDRAMS")
    header = struct.unpack_from("<I", raw, 12)[0]
    if (len(raw) - header) % 32:
        sys.exit(f"FAIL: {path}: a partial record")
    return [struct.unpack_from("<QQQIHH", raw, o) for o in range(header, len(raw), 32)]


def main():
    memvp, elf, work, options = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
    work.mkdir(parents=True, exist_ok=True)
    trace = work / "run.trace"
    plain_out, plain = run(memvp, elf, work, "plain", options, None)
    traced_out, traced = run(memvp, elf, work, "traced", options, trace)
    failures = []
    if plain_out != traced_out or plain != traced:
        failures.append("the traced run's console or statistics differ from the plain run's")
    recs = samples(Path(str(trace) + ".dram"))
    if not recs:
        failures.append("no DRAM sample")
    keys = [(r[0], r[4], r[5]) for r in recs]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        failures.append("samples not in (cycle, node, channel) order, or one twice")
    if any(r[0] % INTERVAL or r[3] != INTERVAL for r in recs):
        failures.append("a sample that is not one whole interval of 1000 cycles")
    for node, mem in enumerate(traced["memory"]):
        read = sum(r[1] for r in recs if r[4] == node)
        written = sum(r[2] for r in recs if r[4] == node)
        if (read, written) != (mem["reads"] * BURST, mem["writes"] * BURST):
            failures.append(f"node {node}: samples {read} read, {written} written; controller "
                            f"{mem['reads']} reads, {mem['writes']} writes of {BURST} bytes")
    if failures:
        sys.exit("FAIL:\n" + "\n".join(failures))
    print(f"{len(recs)} samples; bytes equal to the controllers' bursts; timing unchanged")


main()
