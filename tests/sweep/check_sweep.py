#!/usr/bin/env python3
# `memvp sweep` end to end: a 2x2 grid (plus a one-value bootarg axis) of a short paging guest
# with --jobs 2 gives one CSV row per point in grid order whose cycles equal a plain `memvp run`
# with the same overrides, and its plots and report.md (or the notice that they were skipped);
# --resume runs nothing the second time; a bad grid value, grid-file point or metric is status 2
# before anything runs; a --grid-file crossed with a --grid and --metrics give their rows and
# columns; --export-jobs' commands run by bash, then --collect, give the local sweep's figures.
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

if not os.path.exists(os.path.join(out, "report.md")) and "plots and report.md skipped" not in first.stderr:
    fail(f"neither report.md nor the notice that plots were skipped: {first.stderr}")

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


def status_2_naming(args, text, out_dir):
    run = subprocess.run([memvp, "sweep", elf, *args, "--out", out_dir], capture_output=True, text=True, timeout=60)
    lines = run.stderr.splitlines()
    if run.returncode != 2 or len(lines) != 1 or text not in lines[0] or os.path.exists(out_dir):
        fail(f"{args}: status {run.returncode}: {run.stderr}")


points_csv = os.path.join(work, "points.csv")
with open(points_csv, "w") as f:
    f.write("mmu.pwc.enabled,memory.model\ntrue,ddr4\nfalse,\n")
bad_csv = os.path.join(work, "bad.csv")
with open(bad_csv, "w") as f:
    f.write("mmu.l2_tlb[0].entries\n1536\n1000\n")
status_2_naming(["--grid-file", bad_csv], f"sweep point 1 ({bad_csv}:3: mmu.l2_tlb[0].entries=1000)", bad_out)
status_2_naming(["--grid-file", points_csv, "--metrics", "ipc,mips"], "no metric 'mips'", bad_out)

# Two file points crossed with a bootarg axis, two metrics.
irregular = os.path.join(work, "irregular")
run = subprocess.run([memvp, "sweep", elf, "--grid-file", points_csv, "--grid", "boot.sweep=1,2", "--metrics", "cycles,ipc",
                      "--no-plots", "--jobs", "2", "--out", irregular], capture_output=True, text=True, timeout=120)
with open(os.path.join(irregular, "results.csv"), newline="") as f:
    irregular_rows = list(csv.DictReader(f))
if run.returncode != 0 or [list(r.values())[1:4] for r in irregular_rows] != [
        ["true", "ddr4", "1"], ["true", "ddr4", "2"], ["false", "", "1"], ["false", "", "2"]]:
    fail(f"--grid-file: status {run.returncode}: {irregular_rows} {run.stderr}")
if list(irregular_rows[0].keys())[-3:] != ["cycles", "ipc", "message"] or irregular_rows[1]["cycles"] != rows[3]["cycles"]:
    fail(f"--metrics cycles,ipc: {irregular_rows[0]}, the grid's point 3 ran {rows[3]['cycles']} cycles")
if os.path.exists(os.path.join(irregular, "plots")):
    fail("--no-plots drew plots")

# Exported, run by bash from another directory, collected: the local sweep's figures.
exported = os.path.join(work, "exported")
run = subprocess.run([memvp, "sweep", elf, *grid, "--export-jobs", exported], capture_output=True, text=True, timeout=60)
if run.returncode != 0 or os.path.exists(os.path.join(exported, "results.csv")):
    fail(f"--export-jobs: status {run.returncode}: {run.stderr}")
subprocess.run(["bash", os.path.join(exported, "commands.txt")], cwd="/", capture_output=True, timeout=120)
collected = subprocess.run([memvp, "sweep", "--collect", exported, "--no-plots"], capture_output=True, text=True, timeout=60)
with open(os.path.join(exported, "results.csv"), newline="") as f:
    exported_rows = list(csv.DictReader(f))
if collected.returncode != 0 or [r["cycles"] for r in exported_rows] != [r["cycles"] for r in rows]:
    fail(f"--collect: status {collected.returncode}: {exported_rows} {collected.stderr}")
print("check_sweep: 4 points match plain runs; --resume ran none; bad values, points and metrics are status 2; "
      "a grid file, --metrics, and exported jobs collected agree")
