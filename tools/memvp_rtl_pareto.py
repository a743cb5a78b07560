#!/usr/bin/env python3
"""Area against misses for RTL TLB geometries: one `memvp sweep` of a guest over L2 TLB
geometries, a Yosys synthesis of rtl/tlb at each geometry, and the two joined into
DIR/pareto.csv and a plot of area against L2 TLB MPKI with the Pareto front marked
(DIR/pareto.png, DIR/pareto.svg). docs/mmu.md "Area against misses" describes it.

usage: memvp_rtl_pareto.py ELF --geometries G1,G2,... [--memvp PATH] [--platform FILE]
                           [--set KEY=VALUE]... [--impl cpp|rtl|lockstep] [--jobs N]
                           [--out DIR] [--yosys PATH] [-- bootargs]
A geometry is ENTRIESxWAYS_plru or ENTRIESxWAYS_fifo, as MEMVP_RTL_TLB_GEOMETRIES names them.
"""

import argparse
import concurrent.futures
import csv
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LEVEL = "mmu.l2_tlb[0]"
POLICY = {"plru": "tree_plru", "fifo": "fifo"}  # rtl/tlb Replacement -> memvp's replacement name
COLUMNS = ["geometry", "entries", "ways", "replacement", "cells", "flip_flops", "area_ge",
           "l2_tlb_mpki", "ipc", "pareto"]


class ParetoError(Exception):
    """Bad input; the message is the one line printed before exit status 2."""


def parse_geometry(text):
    m = re.fullmatch(r"([1-9][0-9]*)x([1-9][0-9]*)_(plru|fifo)", text)
    if not m:
        raise ParetoError(f"geometry '{text}' is not ENTRIESxWAYS_plru or ENTRIESxWAYS_fifo")
    entries, ways = int(m[1]), int(m[2])
    sets = entries // ways if ways else 0
    # The geometries rtl/tlb accepts (tlb.sv's gen_bad_geometry).
    if ways < 2 or ways & (ways - 1) or entries % ways or sets & (sets - 1) or sets > 512:
        raise ParetoError(f"geometry '{text}': ways must be a power of two >= 2 dividing the "
                          "entries into at most 512 sets, a power of two")
    return {"geometry": text, "entries": entries, "ways": ways, "replacement": m[3]}


def pareto_front(points):
    """Flags the points no other point dominates (area and MPKI both no larger, one smaller)."""
    for p in points:
        p["pareto"] = int(not any(
            q["area_ge"] <= p["area_ge"] and q["l2_tlb_mpki"] <= p["l2_tlb_mpki"] and
            (q["area_ge"] < p["area_ge"] or q["l2_tlb_mpki"] < p["l2_tlb_mpki"])
            for q in points))


def run_sweep(args, geometries, out):
    grid = os.path.join(out, "geometries.csv")
    with open(grid, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"{LEVEL}.entries", f"{LEVEL}.ways", f"{LEVEL}.replacement", f"{LEVEL}.impl"])
        for g in geometries:
            w.writerow([g["entries"], g["ways"], POLICY[g["replacement"]], args.impl])
    cmd = [args.memvp, "sweep", args.elf, "--grid-file", grid, "--out", os.path.join(out, "sweep"),
           "--metrics", "cycles,instructions,ipc,l2_tlb_misses,l2_tlb_mpki", "--no-plots",
           "--jobs", str(args.jobs)]
    if args.platform:
        cmd += ["--platform", args.platform]
    for s in args.set:
        cmd += ["--set", s]
    if args.bootargs:
        cmd += ["--", *args.bootargs]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode == 2:
        raise ParetoError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "memvp sweep: status 2")
    with open(os.path.join(out, "sweep", "results.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    for g, row in zip(geometries, rows):
        if row["exit_status"] != "0":
            raise RuntimeError(f"geometry {g['geometry']}: the run ended with status {row['exit_status']}: {row['message']}")
        g["l2_tlb_mpki"] = float(row["l2_tlb_mpki"])
        g["ipc"] = float(row["ipc"])


def synthesise(args, g, out):
    synth = os.path.join(ROOT, "rtl", "synth", "synth_tlb.sh")
    done = subprocess.run([synth, os.path.join(out, "synth"), str(g["entries"]), str(g["ways"]),
                           g["replacement"], args.yosys], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"geometry {g['geometry']}: synthesis failed: {done.stderr.strip()}")
    report = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    for key in ("cells", "flip_flops", "area_ge"):
        g[key] = int(report[key])


def plot(points, out):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("memvp_rtl_pareto: matplotlib is not installed (scripts/setup.sh): no plot drawn")
        return
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for policy, marker in (("plru", "o"), ("fifo", "s")):
        sel = [p for p in points if p["replacement"] == policy]
        if sel:
            ax.scatter([p["area_ge"] for p in sel], [p["l2_tlb_mpki"] for p in sel], marker=marker,
                       label="tree-PLRU" if policy == "plru" else "FIFO")
    # Labels staggered, as geometries of about the same area and misses sit on one spot.
    for i, p in enumerate(points):
        ax.annotate(f"{p['entries']}x{p['ways']}" + (" FIFO" if p["replacement"] == "fifo" else ""),
                    (p["area_ge"], p["l2_tlb_mpki"]), textcoords="offset points", xytext=(5, 4 - 11 * (i % 3)),
                    fontsize=8)
    front = sorted((p for p in points if p["pareto"]), key=lambda p: p["area_ge"])
    ax.step([p["area_ge"] for p in front], [p["l2_tlb_mpki"] for p in front], where="post",
            color="black", linewidth=1, label="Pareto front")
    ax.set_xlabel("area (NAND2 gate equivalents, Yosys generic cells)")
    ax.set_ylabel("L2 TLB misses per 1000 instructions")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(os.path.join(out, f"pareto.{ext}"))


def main():
    ap = argparse.ArgumentParser(prog="memvp_rtl_pareto.py", description=__doc__.splitlines()[0])
    ap.add_argument("elf")
    ap.add_argument("--geometries", required=True)
    ap.add_argument("--memvp", default=os.path.join(ROOT, "build", "memvp"))
    ap.add_argument("--platform")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--impl", choices=("cpp", "rtl", "lockstep"), default="cpp")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default="pareto")
    ap.add_argument("--yosys", default="yosys")
    ap.add_argument("bootargs", nargs="*")
    args = ap.parse_args()
    try:
        geometries = [parse_geometry(g) for g in args.geometries.split(",")]
        if len({g["geometry"] for g in geometries}) != len(geometries):
            raise ParetoError("--geometries names a geometry twice")
        if args.jobs < 1:
            raise ParetoError(f"--jobs {args.jobs}: at least 1")
        os.makedirs(args.out, exist_ok=True)
        run_sweep(args, geometries, args.out)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for f in [pool.submit(synthesise, args, g, args.out) for g in geometries]:
                f.result()
    except ParetoError as e:
        print(f"memvp_rtl_pareto: {e}", file=sys.stderr)
        return 2
    except RuntimeError as e:
        print(f"memvp_rtl_pareto: {e}", file=sys.stderr)
        return 1
    pareto_front(geometries)
    with open(os.path.join(args.out, "pareto.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for g in geometries:
            w.writerow({k: g[k] for k in COLUMNS})
    plot(geometries, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
