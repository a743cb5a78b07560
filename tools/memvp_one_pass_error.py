#!/usr/bin/env python3
"""How far one pass is from separate runs (docs/sweep.md, "One pass: how far it is"): runs a
workload once with shadow TLBs of the given geometries and once per geometry with that geometry
for real, two runs at a time, and prints a Markdown table of each geometry's misses (summed over
the harts) in both, their difference, and the lookups each saw.

    python3 tools/memvp_one_pass_error.py build/memvp --geometry l2:768x12:lru,l2:3072x12:lru \\
        --workdir /tmp/err -- build/guest/kernel/vmlinux.elf --initrd build/guest/initramfs.cpio -- init=cow

Everything after the first `--` is `memvp run`'s arguments (ELF, options, `--` and bootargs).
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

LEVEL_KEYS = {"l1i": "l1_itlb", "l1d": "l1_dtlb", "l2": "l2_tlb"}


def geometry_sets(geometry):
    """The --set overrides that give a run the shadow geometry LEVEL[[ARRAY]]:ENTRIESxWAYS:POLICY."""
    m = re.fullmatch(r"(l1i|l1d|l2)(?:\[(\d+)\])?:(\d+)x(\d+):(\w+)", geometry)
    if not m:
        raise SystemExit("memvp_one_pass_error.py: give geometries as LEVEL[[ARRAY]]:ENTRIESxWAYS:POLICY, "
                         "not " + geometry)
    key = "mmu.%s[%s]" % (LEVEL_KEYS[m.group(1)], m.group(2) or "0")
    return ["%s.entries=%s" % (key, m.group(3)), "%s.ways=%s" % (key, m.group(4)),
            "%s.replacement=%s" % (key, m.group(5))]


def with_options(run_args, options):
    """memvp run's arguments with `options` before the bootargs' `--`, if any."""
    if "--" in run_args:
        i = run_args.index("--")
        return run_args[:i] + options + run_args[i:]
    return run_args + options


def run(memvp, run_args, stats, options):
    args = [memvp, "run"] + with_options(run_args, ["--quiet", "--stats", stats] + options)
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit("memvp_one_pass_error.py: %s exited %d: %s" % (" ".join(args), done.returncode,
                                                                        done.stderr.strip()))
    with open(stats) as f:
        return json.load(f)


def level_counts(stats, level):
    harts = stats["harts"]
    return sum(h["mmu"][level]["misses"] for h in harts), sum(h["mmu"][level]["lookups"] for h in harts)


def main(argv):
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("memvp")
    parser.add_argument("--geometry", required=True, help="comma-separated shadow geometries (with a policy)")
    parser.add_argument("--workdir", required=True)
    opt = parser.parse_args(argv[1:split])
    run_args = argv[split + 1:]
    geometries = opt.geometry.split(",")
    sets = [geometry_sets(g) for g in geometries]
    os.makedirs(opt.workdir, exist_ok=True)
    jobs = [("onepass", ["--shadow-tlb", opt.geometry])]
    jobs += [("separate%d" % k, [a for s in sets[k] for a in ("--set", s)]) for k in range(len(geometries))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        stats = dict(zip((name for name, _ in jobs), pool.map(
            lambda job: run(opt.memvp, run_args, os.path.join(opt.workdir, job[0] + ".json"), job[1]), jobs)))
    onepass = stats["onepass"]
    print("| geometry | one-pass misses | separate-run misses | difference | one-pass lookups | separate-run lookups |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k, g in enumerate(geometries):
        shadows = [h["mmu"]["shadow_tlbs"][k] for h in onepass["harts"]]
        misses, lookups = sum(s["misses"] for s in shadows), sum(s["lookups"] for s in shadows)
        real_misses, real_lookups = level_counts(stats["separate%d" % k], LEVEL_KEYS[g.split(":")[0].split("[")[0]])
        diff = (misses - real_misses) / real_misses * 100 if real_misses else 0.0
        print("| %s | %d | %d | %+.2f %% | %d | %d |" % (g, misses, real_misses, diff, lookups, real_lookups))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
