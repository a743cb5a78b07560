#!/usr/bin/env python3
"""Fast-forward, region-of-interest markers and warm-up (docs/fast-forward.md), on roi_vm (one
hart, Sv39, a marked region of interest), against a plain run of the same platform:
  * --fast-forward N then detail: the same console and exit status; the detailed and the
    fast-forwarded instructions add up to the plain run's, and exactly N were fast-forwarded;
  * --fast-forward roi: exactly the instructions between the markers run in detail (the plain
    run records where the markers fell), and roi_end ends the run;
  * --warmup: with the warm-up the detailed part walks the page tables less often than without;
    on the flat platform (no caches: the TLBs and page-walk cache are all the memory state), a
    warm-up covering the whole fast-forward to roi_begin times the region exactly as the plain run;
  * two identical fast-forward runs give identical statistics;
  * bad values exit 2 with one line on stderr.
Usage: check_fast_forward.py MEMVP ROI_ELF PLAIN_ELF WORK_DIR [MEMVP RUN OPTIONS...]
(PLAIN_ELF: a program without markers.)"""
import json
import subprocess
import sys
from pathlib import Path

HOST_DEPENDENT = {"host_seconds", "mips"}
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
    print(("ok: " if ok else "FAIL: ") + what)


def without_host_figures(node):
    if isinstance(node, dict):
        return {k: without_host_figures(v) for k, v in node.items() if k not in HOST_DEPENDENT}
    if isinstance(node, list):
        return [without_host_figures(v) for v in node]
    return node


class Runner:
    def __init__(self, memvp, work, extra):
        self.memvp, self.work, self.extra, self.n = memvp, work, extra, 0

    def run(self, elf, *options, expect_rc=0):
        self.n += 1
        stats = self.work / f"run{self.n}.json"
        cmd = [self.memvp, "run", elf, "--quiet", "--stats", str(stats), *self.extra, *options]
        out = subprocess.run(cmd, capture_output=True, timeout=600)
        if out.returncode != expect_rc:
            sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}, not {expect_rc}: {out.stderr.decode().strip()}")
        return out, (json.loads(stats.read_text()) if expect_rc == 0 else None)


def markers(stats):
    found = {m["marker"]: m for m in stats["sim"]["fast_forward"]["roi_markers"]}
    if set(found) != {"roi_begin", "roi_end"} or stats["sim"]["fast_forward"]["roi_marker_count"] != 2:
        sys.exit(f"FAIL: expected one roi_begin and one roi_end, got {stats['sim']['fast_forward']}")
    return found["roi_begin"], found["roi_end"]


def bad_values(r, roi_elf, plain_elf):
    for options in (["--fast-forward", "10", "--warmup", "11"], ["--fast-forward", "-5"],
                    ["--fast-forward", "lots"], ["--warmup", "5"], ["--fast-forward", "roi", "--warmup", "10"],
                    ["--fast-forward", "10", "--warmup", "-1"], ["--fast-forward", str(10**15)]):
        out, _ = r.run(roi_elf, *options, expect_rc=2)
        lines = out.stderr.decode().splitlines()
        check(len(lines) == 1 and lines[0].startswith("memvp: "),
              f"{' '.join(options)}: exit 2, one line ({lines})")
    out, _ = r.run(plain_elf, "--fast-forward", "roi", expect_rc=2)
    lines = out.stderr.decode().splitlines()
    check(len(lines) == 1 and "roi_begin" in lines[0],
          f"--fast-forward roi on a program without markers: exit 2, one line ({lines})")


def main():
    memvp, roi_elf, plain_elf, work, extra = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5:]
    work.mkdir(parents=True, exist_ok=True)
    r = Runner(memvp, work, extra)
    plain_out, plain = r.run(roi_elf)
    total = plain["harts"][0]["instret"]
    begin, end = markers(plain)
    print(f"plain: {total} instructions, roi_begin at {begin['instret']}, roi_end at {end['instret']}")
    check(plain["harts"][0]["fast_forward"]["instret"] == 0, "a plain run fast-forwards nothing")

    n = begin["instret"] // 2
    out, ff = r.run(roi_elf, "--fast-forward", str(n))
    hart = ff["harts"][0]
    check(out.stdout == plain_out.stdout, f"--fast-forward {n}: the same console output")
    check(hart["fast_forward"]["instret"] == n, f"--fast-forward {n}: {hart['fast_forward']['instret']} fast-forwarded")
    check(hart["instret"] + hart["fast_forward"]["instret"] == total,
          f"--fast-forward {n}: detailed {hart['instret']} + fast-forwarded {hart['fast_forward']['instret']} = {total}")
    check([m["instret"] for m in markers(ff)] == [begin["instret"], end["instret"]],
          "--fast-forward N: the markers retire at the same instruction counts")

    out, roi = r.run(roi_elf, "--fast-forward", "roi")
    hart = roi["harts"][0]
    check(hart["instret"] == end["instret"] - begin["instret"],
          f"--fast-forward roi: {hart['instret']} detailed = roi_end {end['instret']} - roi_begin {begin['instret']}")
    check(hart["fast_forward"]["instret"] == begin["instret"], "--fast-forward roi: fast-forwarded up to roi_begin")
    check(roi["sim"]["end_reason"] == "guest_exit" and plain_out.stdout.startswith(out.stdout)
          and b"region" not in out.stdout, "--fast-forward roi: roi_end ends the run, before the region's line")

    cold = r.run(roi_elf, "--fast-forward", str(begin["instret"]))[1]["harts"][0]
    warm = r.run(roi_elf, "--fast-forward", str(begin["instret"]), "--warmup", str(begin["instret"] // 4))[1]["harts"][0]
    check(warm["fast_forward"]["warmup_instret"] == begin["instret"] // 4, "--warmup: its length is reported")
    check(warm["mmu"]["walks"] < cold["mmu"]["walks"],
          f"--warmup: fewer walks in the detailed part ({warm['mmu']['walks']} < {cold['mmu']['walks']})")
    check(warm["instret"] == cold["instret"], "--warmup: the same detailed instructions")

    det = [r.run(roi_elf, "--fast-forward", str(n), "--warmup", str(n // 3))[1] for _ in range(2)]
    check(without_host_figures(det[0]) == without_host_figures(det[1]), "two identical fast-forward runs: identical statistics")

    # On the flat platform the TLBs and the page-walk cache are the only memory state: warmed over
    # the whole fast-forward, the detailed region takes exactly the plain run's cycles.
    flat = Runner(memvp, work, ["--platform", str(Path(__file__).parents[2] / "platforms/functional.toml")])
    plain_flat = flat.run(roi_elf)[1]
    fb, fe = markers(plain_flat)
    both = str(fb["instret"])
    full = flat.run(roi_elf, "--fast-forward", both, "--warmup", both)[1]
    _, full_end = markers(full)
    detailed = full_end["cycle"] - full["harts"][0]["fast_forward"]["cycles"]
    check(detailed == fe["cycle"] - fb["cycle"],
          f"flat, full warm-up: the region takes {detailed} cycles in detail, the plain run {fe['cycle'] - fb['cycle']}")
    bad_values(r, roi_elf, plain_elf)
    if failures:
        sys.exit(f"FAIL: {len(failures)} check(s) failed")


if __name__ == "__main__":
    main()
