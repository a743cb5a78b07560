#!/usr/bin/env python3
# tools/memvp_sweep.py and tools/memvp_sweep_plot.py on a hand-written results.csv (a 3x2 grid of
# L2 TLB entries and ways with a failed point): the loader's dtypes, NaN for empty metrics and the
# parameter columns; the plot script's PNG/SVG files, heat maps and report.md (or, without
# matplotlib, its one-line notice); a --metrics subset draws only what it has.
# usage: test_memvp_sweep_py.py TOOLS_DIR WORKDIR
import os
import shutil
import subprocess
import sys

tools, work = sys.argv[1:3]
sys.path.insert(0, tools)
import numpy as np  # noqa: E402

import memvp_sweep  # noqa: E402

HEADER = ("point,mmu.l2_tlb[0].entries,mmu.l2_tlb[0].ways,exit_status,end_reason,cycles,instructions,ipc,"
          "l1_itlb_mpki,l1_dtlb_mpki,l2_tlb_mpki,walk_mpki,l1d_mpki,p99_translation_cycles,message\n")
ROWS = [
    "0,512,4,0,guest_exit,2000,1000,0.5,0.1,2,1.5,1.5,,43,",
    "1,512,8,0,guest_exit,1900,1000,0.526316,0.1,2,1.25,1.25,,43,",
    "2,1024,4,0,guest_exit,1800,1000,0.555556,0.1,2,1,1,,39,",
    "3,1024,8,0,guest_exit,1700,1000,0.588235,0.1,2,0.75,0.75,,35,",
    "4,2048,4,4,,,,,,,,,,,\"memvp: guest crash, hart 0\"",
    "5,2048,8,0,guest_exit,1500,1000,0.666667,0.1,2,0.25,0.25,,11,",
]


def fail(message):
    print("test_memvp_sweep_py: " + message)
    sys.exit(1)


def write(directory, header, rows):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    with open(os.path.join(directory, "results.csv"), "w") as f:
        f.write(header + "\n".join(rows) + "\n")


full = os.path.join(work, "full")
write(full, HEADER, ROWS)
r = memvp_sweep.load(os.path.join(full, "results.csv"))
if len(r) != 6 or memvp_sweep.parameters(r) != ["mmu.l2_tlb[0].entries", "mmu.l2_tlb[0].ways"]:
    fail(f"loaded {len(r)} rows, parameters {memvp_sweep.parameters(r)}")
if r.dtype["mmu.l2_tlb[0].entries"] != np.int64 or r.dtype["exit_status"] != np.int64:
    fail(f"integer columns: {r.dtype}")
if r.dtype["cycles"] != np.float64 or not np.isnan(r["cycles"][4]) or r["cycles"][5] != 1500:
    fail("a numeric column with a failed point is float64 with NaN")
if not np.isnan(r["l1d_mpki"]).all() or r["end_reason"][0] != "guest_exit" or r["message"][4] != "memvp: guest crash, hart 0":
    fail("empty metrics are NaN, strings stay strings")
if list(memvp_sweep.succeeded(r)["point"]) != [0, 1, 2, 3, 5]:
    fail("succeeded() keeps the points with status 0")
try:
    write(os.path.join(work, "bad"), "a,b\n", ["1,2"])
    memvp_sweep.load(os.path.join(work, "bad", "results.csv"))
    fail("a CSV that is not a sweep's loads")
except memvp_sweep.SweepError:
    pass

plot = [sys.executable, os.path.join(tools, "memvp_sweep_plot.py")]
run = subprocess.run(plot + [full], capture_output=True, text=True, timeout=120)
try:
    import matplotlib  # noqa: F401
except ImportError:
    if run.returncode != 0 or "plots and report.md skipped" not in run.stderr or os.path.exists(os.path.join(full, "plots")):
        fail(f"without matplotlib: status {run.returncode}: {run.stderr}")
    print("test_memvp_sweep_py: loader checked; no matplotlib, the plot script skips with a notice")
    sys.exit(0)
if run.returncode != 0:
    fail(f"plot script: status {run.returncode}: {run.stderr}")
names = ["tlb_mpki", "ipc", "heatmap_ipc", "heatmap_l2_tlb_mpki"]
for name in names:
    with open(os.path.join(full, "plots", name + ".png"), "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            fail(name + ".png is not a PNG")
    with open(os.path.join(full, "plots", name + ".svg")) as f:
        if "<svg" not in f.read():
            fail(name + ".svg is not an SVG")
with open(os.path.join(full, "report.md")) as f:
    report = f.read()
for name in names:
    if f"(plots/{name}.png)" not in report:
        fail(f"report.md does not show {name}: {report}")
table = [line for line in report.splitlines() if line.startswith("| ")]
if len(table) != 8 or "| 4 | 2048 | 4 | 4 |" not in report or "memvp: guest crash, hart 0" not in report:
    fail(f"report.md's table: {table}")

# Only IPC kept (--metrics ipc), one varying parameter: the IPC plot alone, no heat map.
subset = os.path.join(work, "subset")
write(subset, "point,mmu.l2_tlb[0].entries,exit_status,end_reason,ipc,message\n",
      ["0,512,0,guest_exit,0.5,", "1,1024,0,guest_exit,0.6,"])
run = subprocess.run(plot + [subset], capture_output=True, text=True, timeout=120)
if run.returncode != 0 or sorted(os.listdir(os.path.join(subset, "plots"))) != ["ipc.png", "ipc.svg"]:
    fail(f"--metrics ipc: status {run.returncode}: {os.listdir(os.path.join(subset, 'plots'))} {run.stderr}")
print("test_memvp_sweep_py: loader dtypes and NaNs; 4 plots as PNG and SVG; report.md with 6 points")
