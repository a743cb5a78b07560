#!/usr/bin/env python3
# Replay with flushes (docs/trace.md, "Flush records" and "Replay"): a run of a guest whose
# sfence.vma remove TLB entries while paging is on, with shadow TLBs and a translation trace;
# `memvp trace FILE replay` of that trace gives every shadow's counts (lookups, hits, misses, fills,
# evictions, flushes, invalidations) exactly, and the flushes did remove entries.
# usage: check_replay_flushes.py MEMVP ELF PLATFORM WORKDIR
import csv
import json
import os
import shutil
import subprocess
import sys

memvp, elf, platform, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
geometries = ["l1d:8x2:lru", "l1d:64x4:random", "l2:16x4:fifo", "l2:64x8:tree_plru", "l1i:16x16:lru"]
counts = ["lookups", "hits", "misses", "fills", "evictions", "flushes", "invalidations"]


def fail(message):
    print("check_replay_flushes: " + message)
    sys.exit(1)


stats_path, trace = os.path.join(work, "run.json"), os.path.join(work, "run.trace.zst")
run = subprocess.run([memvp, "run", elf, "--platform", platform, "--quiet", "--stats", stats_path,
                      "--shadow-tlb", ",".join(geometries), "--trace", trace],
                     capture_output=True, text=True, timeout=120)
if run.returncode != 0:
    fail(f"memvp run exited {run.returncode}: {run.stderr}")
with open(stats_path) as f:
    harts = json.load(f)["harts"]
replay = subprocess.run([memvp, "trace", trace, "replay", "--tlb", ",".join(geometries)],
                        capture_output=True, text=True, timeout=60)
if replay.returncode != 0:
    fail(f"replay exited {replay.returncode}: {replay.stderr}")
rows = list(csv.DictReader(replay.stdout.splitlines()))
if len(rows) != len(geometries):
    fail(f"replay: {replay.stdout}")
for k, row in enumerate(rows):
    shadows = [h["mmu"]["shadow_tlbs"][k] for h in harts]
    ran = {c: sum(s[c] for s in shadows) for c in counts}
    replayed = {c: int(row[c]) for c in counts}
    if row["geometry"] != shadows[0]["geometry"] or ran != replayed:
        fail(f"{row['geometry']}: run {ran}, replay {replayed}")
if not any(int(row["invalidations"]) > 0 and int(row["lookups"]) > int(row["misses"]) for row in rows):
    fail(f"no flush removed an entry a lookup had hit: the check shows nothing\n{replay.stdout}")
print(replay.stdout, end="")
