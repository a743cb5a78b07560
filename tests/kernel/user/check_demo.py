#!/usr/bin/env python3
"""Runs the README's first command (its `./build/memvp run ... init=demo`, read from README.md,
with build/ replaced by the build tree) and checks what it prints: the demo's console lines
(demand paging, copy-on-write, huge pages, the sweeps and the kernel's counters) and memvp's
memory report on stderr, each figure against what the program does or an invariant of it.
Usage: check_demo.py README BUILD_DIR"""
import re
import shlex
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def find(pattern, text, what):
    m = re.search(pattern, text, re.MULTILINE)
    if not m:
        sys.exit(f"FAIL: no {what} line (/{pattern}/) in:\n{text}")
    return m


def readme_command(readme, build):
    m = find(r"&& \./build/memvp (run .*init=demo)$", open(readme).read(), "README first command")
    words = shlex.split(m.group(1))
    return [build + "/memvp"] + [build + w[len("build"):] if w.startswith("build/") else w for w in words]


def check_console(out):
    pages = 8 << 20 >> 12
    m = find(r"^demo: demand paging: touched (\d+) pages of 4 KiB, (\d+) page faults$", out, "demand paging")
    check(int(m[1]) == pages and int(m[2]) >= pages, f"demand paging: {m[0]}")
    m = find(r"^demo: copy-on-write: child of pid \d+ wrote (\d+) shared pages, (\d+) COW copies$", out, "COW")
    check(int(m[1]) == 256 and int(m[2]) >= 256, f"copy-on-write: {m[0]}")
    m = find(r"^demo: huge pages: touched (\d+) pages of 4 KiB in 8 MiB: (\d+) page faults, (\d+) THP of 2 MiB$", out,
             "huge pages")
    check(int(m[1]) == pages and int(m[2]) == 4 and int(m[3]) == 4, f"huge pages: {m[0]}")
    m = find(r"^demo: sweeps of 8 MiB, one load per 4 KiB: (\d+) cycles per load with 4 KiB pages, (\d+) with 2 MiB pages$",
             out, "sweeps")
    check(int(m[1]) > int(m[2]) > 0, f"the 4 KiB sweep, beyond the L2 TLB's reach, costs more: {m[0]}")
    m = find(r"^demo: report: page faults (\d+) \(minor (\d+), major (\d+)\); this process: minor (\d+), major (\d+)$", out,
             "fault report")
    check(int(m[1]) >= pages + 256 + 4 and int(m[2]) + int(m[3]) == int(m[1]), f"faults: {m[0]}")
    m = find(r"^demo: report: COW copies (\d+), zero-page maps \d+, THP allocated (\d+), context switches (\d+)$", out,
             "COW report")
    check(int(m[1]) >= 256 and int(m[2]) == 4 and int(m[3]) >= 1, f"counters: {m[0]}")
    find(r"^demo: done$", out, "done")


def check_report(err):
    m = find(r"^memvp: report: cycles (\d+) \(all harts\): user ([\d.]+)%, kernel ([\d.]+)%, machine ([\d.]+)%, "
             r"idle in WFI ([\d.]+)%$", err, "cycles report")
    shares = [float(m[i]) for i in (2, 3, 4)]
    check(int(m[1]) > 0 and abs(sum(shares) - 100) < 0.05 and min(shares) > 0, f"modes add up to 100%: {m[0]}")
    m = find(r"^memvp: report: cycles in page walks ([\d.]+)%, memory stalls ([\d.]+)% \(fetch ([\d.]+)%, load ([\d.]+)%, "
             r"store ([\d.]+)%\)$", err, "stall report")
    check(0 < float(m[1]) < 100 and abs(float(m[2]) - sum(float(m[i]) for i in (3, 4, 5))) < 0.05, f"stalls: {m[0]}")
    m = find(r"^memvp: report: TLB miss rate: l1_itlb ([\d.]+)% of (\d+), l1_dtlb ([\d.]+)% of (\d+), l2_tlb ([\d.]+)% of (\d+)$",
             err, "TLB report")
    check(all(int(m[i]) > 0 and 0 <= float(m[i - 1]) <= 100 for i in (2, 4, 6)) and float(m[3]) > 0 and float(m[5]) > 0,
          f"TLB levels looked up, data TLBs missed: {m[0]}")
    m = find(r"^memvp: report: page walks (\d+), ([\d.]+) cycles on average; page-walk cache hit rate ([\d.]+)%$", err,
             "walk report")
    check(int(m[1]) >= 4 * 2048 and float(m[2]) > 0 and 0 < float(m[3]) <= 100, f"walks: {m[0]}")
    m = find(r"^memvp: report: cache miss rate: l1i ([\d.]+)%, l1d ([\d.]+)%, l2 ([\d.]+)%$", err, "cache report")
    check(all(0 < float(m[i]) < 100 for i in (1, 2, 3)), f"caches: {m[0]}")
    m = find(r"^memvp: report: DRAM (\d+) reads, (\d+) writes; row hits ([\d.]+)%, misses ([\d.]+)%, conflicts ([\d.]+)%; "
             r"([\d.]+) GB/s over the run$", err, "DRAM report")
    rates = [float(m[i]) for i in (3, 4, 5)]
    check(int(m[1]) > 0 and int(m[2]) > 0 and 0 < rates[0] <= 100 and abs(sum(rates) - 100) < 0.05 and float(m[6]) > 0,
          f"DRAM: {m[0]}")


def main():
    readme, build = sys.argv[1], sys.argv[2]
    cmd = readme_command(readme, build)
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {run.returncode}:\n{run.stderr}")
    out = run.stdout.replace("\r", "")
    check_console(out)
    check_report(run.stderr)
    if failures:
        sys.exit("FAIL:\n" + "\n".join(failures) + f"\n--- console ---\n{out}--- stderr ---\n{run.stderr}")
    print("demo: the README's first command prints its console and report with sane figures")


main()
