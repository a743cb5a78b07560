#!/usr/bin/env python3
# tools/memvp_rtl_pareto.py end to end on bench_vm (random updates over 8192 pages) with a
# 4-entry L1 DTLB, so that the L2 TLB sees every data page, and three small L2 geometries:
# pareto.csv has one row per geometry in the order given; its L2 TLB MPKI equals a plain
# `memvp run` of that geometry; the area comes from the synthesis report and grows with the
# entries; the Pareto flags are those of the definition (no other point at most as large in
# both and smaller in one); the plot is drawn when matplotlib is installed; a bad geometry is
# one line and status 2. A 32-entry L2 TLB misses less than an 8-entry one.
# usage: check_pareto.py MEMVP BENCH_VM_ELF PLATFORM WORKDIR YOSYS
import csv
import json
import os
import shutil
import subprocess
import sys

memvp, elf, platform, work, yosys = sys.argv[1:6]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
tool = os.path.join(root, "tools", "memvp_rtl_pareto.py")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
out = os.path.join(work, "out")
geometries = ["8x2_plru", "32x4_plru", "16x2_fifo"]
base = ["--platform", platform, "--set", "mmu.l1_dtlb[0].entries=4", "--set", "mmu.l1_dtlb[0].ways=4"]


def fail(message):
    print("check_pareto: " + message)
    sys.exit(1)


def pareto(*args):
    return subprocess.run([sys.executable, tool, elf, "--memvp", memvp, "--yosys", yosys, "--jobs", "2",
                           *base, *args], capture_output=True, text=True, timeout=600)


done = pareto("--geometries", ",".join(geometries), "--out", out)
if done.returncode != 0:
    fail(f"exit {done.returncode}: {done.stderr}")
with open(os.path.join(out, "pareto.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
if [r["geometry"] for r in rows] != geometries:
    fail(f"rows {[r['geometry'] for r in rows]}, not {geometries}")

for r in rows:
    entries, ways = int(r["entries"]), int(r["ways"])
    policy = {"plru": "tree_plru", "fifo": "fifo"}[r["replacement"]]
    stats = os.path.join(work, f"{r['geometry']}.json")
    subprocess.run([memvp, "run", elf, "--quiet", "--stats", stats, *base,
                    "--set", f"mmu.l2_tlb[0].entries={entries}", "--set", f"mmu.l2_tlb[0].ways={ways}",
                    "--set", f"mmu.l2_tlb[0].replacement={policy}"], check=True, capture_output=True, timeout=300)
    with open(stats) as f:
        s = json.load(f)
    misses = sum(h["mmu"]["l2_tlb"]["misses"] for h in s["harts"])
    mpki = 1000.0 * misses / s["sim"]["instret"]
    if abs(float(r["l2_tlb_mpki"]) - mpki) > 1e-6 * max(1.0, mpki):
        fail(f"{r['geometry']}: l2_tlb_mpki {r['l2_tlb_mpki']}, a plain run gives {mpki}")
    report = os.path.join(out, "synth", f"tlb_{r['geometry']}.report.txt")
    with open(report) as f:
        fields = dict(line.strip().split(": ", 1) for line in f if ": " in line)
    for key in ("cells", "flip_flops", "area_ge"):
        if r[key] != fields[key] or int(r[key]) <= 0:
            fail(f"{r['geometry']}: {key} {r[key]}, the report says {fields[key]}")

by_name = {r["geometry"]: r for r in rows}
if int(by_name["32x4_plru"]["area_ge"]) <= int(by_name["8x2_plru"]["area_ge"]):
    fail("32 entries are not larger than 8")
if float(by_name["32x4_plru"]["l2_tlb_mpki"]) >= float(by_name["8x2_plru"]["l2_tlb_mpki"]):
    fail("32 entries do not miss less than 8")
for r in rows:
    a, m = int(r["area_ge"]), float(r["l2_tlb_mpki"])
    dominated = any(int(q["area_ge"]) <= a and float(q["l2_tlb_mpki"]) <= m and
                    (int(q["area_ge"]) < a or float(q["l2_tlb_mpki"]) < m) for q in rows)
    if r["pareto"] != str(int(not dominated)):
        fail(f"{r['geometry']}: pareto {r['pareto']}, dominated {dominated}")
if not any(r["pareto"] == "1" for r in rows):
    fail("no point on the Pareto front")

try:
    import matplotlib  # noqa: F401
    for ext in ("png", "svg"):
        if os.path.getsize(os.path.join(out, f"pareto.{ext}")) == 0:
            fail(f"empty pareto.{ext}")
except ImportError:
    if "matplotlib is not installed" not in done.stdout:
        fail("no plot and no notice")

for bad in ("12x3_plru", "8x2_lru", "32x4_plru,32x4_plru"):
    b = pareto("--geometries", bad, "--out", os.path.join(work, "bad"))
    if b.returncode != 2 or len(b.stderr.strip().splitlines()) != 1:
        fail(f"--geometries {bad}: status {b.returncode}, stderr {b.stderr!r}")
    if os.path.exists(os.path.join(work, "bad")):
        fail(f"--geometries {bad}: created the output directory")
print("check_pareto: ok")
