#!/usr/bin/env python3
"""Swap on the event port (docs/devices.md, "Events"): runs the kernel's swap_fill on 16 MiB of
RAM with a 64 MiB mkswap disk and the event port on, for its first 1.5 G cycles (by then it has
pushed several MiB out and read some back), and checks that the statistics count swap_out and
swap_in events, and that kswapd ran (the swapping is reclaim's). The disks are copied into
WORK_DIR first. Usage: check_swap_events.py MEMVP KERNEL INITRD ROOT_IMAGE SWAP_IMAGE PLATFORM WORK_DIR"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

CYCLES = 1_500_000_000
EXIT_CYCLE_LIMIT = 3  # memvp's status when --max-cycles stops the run (README)


def main():
    memvp, kernel, initrd, root, swap, platform, work = sys.argv[1:8]
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(root, work / "root.img")
    shutil.copyfile(swap, work / "swap.img")
    stats = work / "stats.json"
    cmd = [memvp, "run", kernel, "--platform", platform, "--set", "memory.size=16MiB",
           "--set", "event_port.enable=true", "--max-cycles", str(CYCLES), "--quiet", "--stats", str(stats),
           "--initrd", initrd, "--disk", str(work / "root.img"), "--disk", str(work / "swap.img"),
           "--", "init=swap_fill", "root=/dev/vda", "rw", "swap=/dev/vdb"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if out.returncode != EXIT_CYCLE_LIMIT:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {out.returncode}, not at the cycle limit: {out.stderr.strip()}")
    events = json.loads(stats.read_text())["devices"]["event_port"]["events"]
    counts = {name: events[name] for name in ("swap_out", "swap_in", "kswapd_wake")}
    print(f"first {CYCLES} cycles of swap_fill: {counts}")
    failures = [f"no {name} event" for name, n in counts.items() if n == 0]
    if failures:
        sys.exit("FAIL: " + "; ".join(failures))


main()
