#!/usr/bin/env python3
"""One `memvp run --fast-forward roi` of a one-hart guest that marks its region of interest
(docs/fast-forward.md): it exits 0 at roi_end, prints LAST_LINE before it, and the detailed part
is exactly the region: harts[0].instret = roi_end's instret - roi_begin's, and the instructions
up to roi_begin were fast-forwarded.
Usage: check_roi_run.py LAST_LINE WORK_DIR MEMVP ELF [MEMVP RUN OPTIONS...]"""
import json
import subprocess
import sys
from pathlib import Path


def main():
    last, work, memvp, elf, options = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
    work.mkdir(parents=True, exist_ok=True)
    stats = work / "roi.json"
    cmd = [memvp, "run", elf, "--quiet", "--fast-forward", "roi", "--stats", str(stats), *options]
    out = subprocess.run(cmd, capture_output=True, timeout=600)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.decode().strip()}")
    lines = out.stdout.decode().splitlines()
    if not lines or lines[-1] != last:
        sys.exit(f"FAIL: the console does not end with {last!r}: {lines[-3:]}")
    doc = json.loads(stats.read_text())
    markers = doc["sim"]["fast_forward"]["roi_markers"]
    begin = next(m for m in markers if m["marker"] == "roi_begin")
    end = next(m for m in markers if m["marker"] == "roi_end")
    hart = doc["harts"][0]
    if hart["instret"] != end["instret"] - begin["instret"] or hart["fast_forward"]["instret"] != begin["instret"]:
        sys.exit(f"FAIL: detailed {hart['instret']}, fast-forwarded {hart['fast_forward']['instret']}; "
                 f"markers at {begin['instret']} and {end['instret']}")
    if doc["sim"]["end_reason"] != "guest_exit":
        sys.exit(f"FAIL: end reason {doc['sim']['end_reason']}")
    print(f"ok: {begin['instret']} instructions fast-forwarded, the region's {hart['instret']} in detail, "
          f"{doc['sim']['host_seconds']:.2f} s host")


if __name__ == "__main__":
    main()
