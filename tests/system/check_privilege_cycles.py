#!/usr/bin/env python3
"""harts[i].privilege_cycles (docs/stats.md) against the hart's cycles: runs the kernel with
init=hello on two harts and checks that each hart's user, supervisor and machine cycles add up
to its cycles exactly, that both spent cycles in M-mode (the boot) and S-mode (the kernel), and
that hart 0, where hello runs, spent some in U-mode.
Usage: check_privilege_cycles.py MEMVP KERNEL INITRD WORK_DIR [MEMVP-OPTIONS...]"""
import json
import subprocess
import sys
from pathlib import Path


def main():
    memvp, kernel, initrd, work, options = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5:]
    work.mkdir(parents=True, exist_ok=True)
    stats = work / "stats.json"
    cmd = [memvp, "run", kernel, "--initrd", initrd, *options, "--set", "platform.harts=2", "--quiet",
           "--stats", str(stats), "--", "init=hello"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
    if out.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}: {out.stderr.strip()}")
    failures = []
    for i, hart in enumerate(json.loads(stats.read_text())["harts"]):
        modes = hart["privilege_cycles"]
        total = modes["user"] + modes["supervisor"] + modes["machine"]
        if total != hart["cycles"]:
            failures.append(f"hart {i}: modes add up to {total}, cycles {hart['cycles']}")
        if modes["machine"] == 0 or modes["supervisor"] == 0:
            failures.append(f"hart {i}: no machine or supervisor cycles: {modes}")
        if i == 0 and modes["user"] == 0:
            failures.append(f"hart 0 ran hello but has no user cycles: {modes}")
    if failures:
        sys.exit("FAIL:\n" + "\n".join(failures))
    print("privilege cycles add up to each hart's cycles")


main()
