#!/usr/bin/env python3
# End-to-end test of `memvp run --gdb`: runs a guest once alone and once under gdb-multiarch in
# batch mode (a command file with breakpoints, register and memory reads, steps and continues),
# then checks that gdb saw what the expectations say and that debugging changed nothing: the
# same exit status, console and statistics (host time aside) as the run without gdb.
import argparse
import json
import re
import subprocess
import sys
import tempfile
import os


def strip_host(stats):
    stats["sim"].pop("host_seconds", None)
    stats["sim"].pop("mips", None)
    return stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memvp", required=True)
    ap.add_argument("--gdb", required=True)
    ap.add_argument("--commands", required=True, help="gdb command file, run after `target remote`")
    ap.add_argument("--expect", action="append", default=[], help="a regular expression gdb's output must match")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("run_args", nargs=argparse.REMAINDER, help="after --: ELF and memvp run options")
    a = ap.parse_args()
    run_args = a.run_args[1:] if a.run_args[:1] == ["--"] else a.run_args
    elf = run_args[0]
    # memvp's own options go before the guest's bootargs (after a second --).
    bootargs = run_args[run_args.index("--"):] if "--" in run_args else []
    run_args = run_args[:len(run_args) - len(bootargs)]
    tmp = tempfile.mkdtemp(prefix="memvp_gdb_")

    alone_stats = os.path.join(tmp, "alone.json")
    alone = subprocess.run([a.memvp, "run", *run_args, "--quiet", "--stats", alone_stats, *bootargs],
                           capture_output=True, timeout=a.timeout)

    debug_stats = os.path.join(tmp, "debug.json")
    memvp = subprocess.Popen([a.memvp, "run", *run_args, "--quiet", "--stats", debug_stats, "--gdb", "0", "--gdb-wait",
                              *bootargs],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = memvp.stderr.readline().decode()
    m = re.match(r"memvp: gdb: listening on 127\.0\.0\.1:(\d+)", first)
    if not m:
        memvp.kill()
        sys.exit(f"no listening line from memvp: {first!r}")
    try:
        gdb = subprocess.run([a.gdb, "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
                              "-ex", f"target remote :{m.group(1)}", "-x", a.commands, elf],
                             capture_output=True, timeout=a.timeout)
        out, err = memvp.communicate(timeout=a.timeout)
    except subprocess.TimeoutExpired:
        memvp.kill()
        sys.exit("timed out")
    gdb_out = gdb.stdout.decode() + gdb.stderr.decode()
    report = f"--- gdb:\n{gdb_out}\n--- memvp stderr:\n{first}{err.decode()}"

    failures = []
    for e in a.expect:
        if not re.search(e, gdb_out, re.MULTILINE):
            failures.append(f"gdb's output does not match {e!r}")
    if memvp.returncode != alone.returncode:
        failures.append(f"exit status {memvp.returncode} under gdb, {alone.returncode} alone")
    if out != alone.stdout:
        failures.append("the console differs from the run without gdb")
    if os.path.exists(debug_stats) and os.path.exists(alone_stats):
        if strip_host(json.load(open(debug_stats))) != strip_host(json.load(open(alone_stats))):
            failures.append("the statistics differ from the run without gdb")
    else:
        failures.append("a statistics file is missing")
    if failures:
        sys.exit("\n".join(failures) + "\n" + report)
    print(gdb_out)


if __name__ == "__main__":
    main()
