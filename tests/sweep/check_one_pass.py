#!/usr/bin/env python3
# One pass for many TLB geometries (docs/sweep.md, "One pass"), on a single-hart guest whose lookup
# stream does not depend on timing: a run with shadow TLBs has the same statistics, bit for bit, as
# one without (host time and MIPS aside); each shadow's lookups and misses equal those of a separate run
# with that geometry; `sweep --one-pass` gives those misses in its rows, with the columns it cannot
# know empty; `trace replay` of the run's trace gives the shadows' counts; a non-TLB axis with
# --one-pass is one line and status 2.
# usage: check_one_pass.py MEMVP ELF PLATFORM WORKDIR
import concurrent.futures
import csv
import json
import os
import shutil
import subprocess
import sys

memvp, elf, platform, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
# The shadows' geometries, each with the --set of a separate run that has it for real (none: checked
# as a shadow only, in the bit-identity and replay checks).
geometries = {
    "l2:48x12:lru": ["mmu.l2_tlb[0].entries=48"],
    "l2:128x8:fifo": [],
    "l1d:16x4:random": ["mmu.l1_dtlb[0].entries=16", "mmu.l1_dtlb[0].replacement=random"],
}
level_key = {"l2": "l2_tlb", "l1d": "l1_dtlb"}


def fail(message):
    print("check_one_pass: " + message)
    sys.exit(1)


def run(name, *extra, status=0):
    stats = os.path.join(work, name + ".json")
    r = subprocess.run([memvp, "run", elf, "--platform", platform, "--quiet", "--stats", stats, *extra],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != status:
        fail(f"{name}: memvp run exited {r.returncode}: {r.stderr}")
    with open(stats) as f:
        return json.load(f)


def without_host_time(stats):
    stats = json.loads(json.dumps(stats))
    for key in [k for k in stats["sim"] if "host" in k or k == "mips"]:
        del stats["sim"][key]
    return stats


separate_sets = {k: sets for k, sets in enumerate(geometries.values()) if sets}
runs = {"plain": [], "shadowed": ["--shadow-tlb", ",".join(geometries)]}
runs.update({f"separate{k}": [a for s in sets for a in ("--set", s)] for k, sets in separate_sets.items()})
# Two runs at a time: the machine's figures do not depend on it.
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    done = dict(zip(runs, pool.map(lambda name: run(name, *runs[name]), runs)))
plain, shadowed = done["plain"], done["shadowed"]
shadows = [h["mmu"].pop("shadow_tlbs") for h in shadowed["harts"]]
if without_host_time(plain) != without_host_time(shadowed):
    fail("statistics differ with shadow TLBs attached")
if [s["geometry"] for s in shadows[0]] != list(geometries):
    fail(f"shadow geometries {[s['geometry'] for s in shadows[0]]}")

for k in separate_sets:
    geometry = list(geometries)[k]
    separate = done[f"separate{k}"]
    level = level_key[geometry.split(":")[0]]
    for h, hart in enumerate(separate["harts"]):
        real, shadow = hart["mmu"][level], shadows[h][k]
        if (real["lookups"], real["misses"]) != (shadow["lookups"], shadow["misses"]):
            fail(f"{geometry}, hart {h}: separate run {real['lookups']} lookups {real['misses']} misses, "
                 f"shadow {shadow['lookups']} lookups {shadow['misses']} misses")
    if k == 0 and separate["harts"][0]["mmu"][level]["misses"] == plain["harts"][0]["mmu"][level]["misses"]:
        fail(f"{geometry} misses as often as the platform's L2 TLB: the check shows nothing")

# Replay the first 20 M cycles of the run's trace (its flush records too) against its shadows.
trace = os.path.join(work, "run.trace.zst")
traced = run("traced", "--shadow-tlb", ",".join(geometries), "--trace", trace, "--max-cycles", "20000000", status=3)
replay = subprocess.run([memvp, "trace", trace, "replay", "--tlb", ",".join(geometries)],
                        capture_output=True, text=True, timeout=60)
if replay.returncode != 0:
    fail(f"replay exited {replay.returncode}: {replay.stderr}")
replayed = list(csv.DictReader(replay.stdout.splitlines()))
for k, row in enumerate(replayed):
    shadow = traced["harts"][0]["mmu"]["shadow_tlbs"][k]
    if row["geometry"] != shadow["geometry"] or int(row["misses"]) != shadow["misses"] or \
            int(row["lookups"]) != shadow["lookups"]:
        fail(f"replay row {row} against shadow {shadow}")
if len(replayed) != len(geometries) or replayed[0]["lookups"] == "0":
    fail(f"replay: {replay.stdout}")

out = os.path.join(work, "sweep")
sweep = subprocess.run([memvp, "sweep", elf, "--platform", platform, "--one-pass", "--no-plots", "--out", out,
                        "--grid", "mmu.l2_tlb[0].entries=48,1536"],
                       capture_output=True, text=True, timeout=60)
if sweep.returncode != 0:
    fail(f"sweep --one-pass exited {sweep.returncode}: {sweep.stderr}")
with open(os.path.join(out, "results.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
with open(os.path.join(work, "separate0.json")) as f:
    expected_misses = [json.load(f)["harts"][0]["mmu"]["l2_tlb"]["misses"], plain["harts"][0]["mmu"]["l2_tlb"]["misses"]]
if [int(r["l2_tlb_misses"]) for r in rows] != expected_misses:
    fail(f"one-pass l2_tlb_misses {[r['l2_tlb_misses'] for r in rows]}, separate runs {expected_misses}")
for r in rows:
    if r["cycles"] or r["ipc"] or r["walks"] or r["exit_status"] != "0" or \
            r["l1_dtlb_misses"] != str(plain["harts"][0]["mmu"]["l1_dtlb"]["misses"]):
        fail(f"one-pass row {r}")

# --collect of the one-pass directory rebuilds the same results.csv from sweep.json's plan and the run.
csv_path = os.path.join(out, "results.csv")
with open(csv_path) as f:
    written = f.read()
os.remove(csv_path)
collect = subprocess.run([memvp, "sweep", "--collect", out, "--no-plots"], capture_output=True, text=True, timeout=60)
if collect.returncode != 0 or not os.path.exists(csv_path):
    fail(f"sweep --collect of a one-pass directory exited {collect.returncode}: {collect.stderr}")
with open(csv_path) as f:
    if f.read() != written:
        fail("sweep --collect of a one-pass directory wrote another results.csv")

bad = subprocess.run([memvp, "sweep", elf, "--one-pass", "--out", os.path.join(work, "bad"),
                      "--grid", "mmu.l2_tlb[0].entries=64,128", "--grid", "cache.enabled=false,true"],
                     capture_output=True, text=True, timeout=60)
lines = bad.stderr.strip().splitlines()
if bad.returncode != 2 or len(lines) != 1 or "cache.enabled is not a TLB geometry key" not in lines[0] or \
        os.path.exists(os.path.join(work, "bad")):
    fail(f"a non-TLB axis with --one-pass: status {bad.returncode}, stderr {bad.stderr!r}")
print("check_one_pass: ok")
