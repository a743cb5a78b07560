#!/usr/bin/env python3
# `memvp sweep` end to end: a 2x2 grid (plus a one-value bootarg axis) of a short paging guest
# with --jobs 2 gives one CSV row per point in grid order whose cycles equal a plain `memvp run`
# with the same overrides; --resume runs nothing the second time; a bad grid value is status 2
# before anything runs.
# usage: check_sweep.py MEMVP ELF WORKDIR
import csv
import json
import os
import shutil
import subprocess
import sys

memvp, elf, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
out = os.path.join(work, "out")
grid = ["--grid", "mmu.pwc.enabled=false,true", "--grid", "memory.model=simple,ddr4", "--grid", "boot.sweep=1"]


def fail(message):
    print("check_sweep: " + message)
    sys.exit(1)


def sweep(*extra):
    return subprocess.run([memvp, "sweep", elf, *grid, "--jobs", "2", "--out", out, *extra],
                          capture_output=True, text=True, timeout=120)


first = sweep()
if first.returncode != 0:
    fail(f"sweep exited {first.returncode}: {first.stderr}")
with open(os.path.join(out, "results.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
expected = [("false", "simple"), ("false", "ddr4"), ("true", "simple"), ("true", "ddr4")]
if [(r["mmu.pwc.enabled"], r["memory.model"]) for r in rows] != expected:
    fail(f"rows out of grid order: {rows}")
for i, row in enumerate(rows):
    if row["point"] != str(i) or row["exit_status"] != "0" or row["boot.sweep"] != "1":
        fail(f"row {i}: {row}")
    if row["memory.model"] == "ddr4" and not row["dram_row_hit_rate"]:
        fail(f"row {i}: no DRAM row-hit rate on DDR4")
    stats = os.path.join(work, f"plain{i}.json")
    plain = subprocess.run([memvp, "run", elf, "--quiet", "--stats", stats, "--set", "mmu.pwc.enabled=" + row["mmu.pwc.enabled"],
                            "--set", "memory.model=" + row["memory.model"], "--", "sweep=1"],
                           capture_output=True, timeout=120)
    with open(stats) as f:
        cycles = json.load(f)["sim"]["cycles"]
    if plain.returncode != 0 or str(cycles) != row["cycles"]:
        fail(f"row {i}: sweep cycles {row['cycles']}, plain run {cycles} (status {plain.returncode})")

stamps = {p: os.stat(os.path.join(out, "points", p)).st_mtime_ns for p in os.listdir(os.path.join(out, "points"))}
again = sweep("--resume")
if again.returncode != 0 or "(0 run, 4 resumed)" not in again.stderr:
    fail(f"--resume: status {again.returncode}: {again.stderr}")
if {p: os.stat(os.path.join(out, "points", p)).st_mtime_ns for p in stamps} != stamps:
    fail("--resume rewrote a point's files")

bad_out = os.path.join(work, "bad")
bad = subprocess.run([memvp, "sweep", elf, "--grid", "mmu.l2_tlb[0].entries=1536,1000", "--out", bad_out],
                     capture_output=True, text=True, timeout=60)
lines = bad.stderr.splitlines()
if bad.returncode != 2 or len(lines) != 1 or "sweep point 1 (mmu.l2_tlb[0].entries=1000)" not in lines[0]:
    fail(f"bad grid value: status {bad.returncode}: {bad.stderr}")
if os.path.exists(bad_out):
    fail("bad grid value: the output directory was created")
print("check_sweep: 4 points match plain runs; --resume ran none; a bad value is status 2")
