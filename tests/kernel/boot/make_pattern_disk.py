#!/usr/bin/env python3
"""Writes the disk image of ktest=blk (sw/kernel/lib/test_blk.cpp): SECTORS 512-byte sectors,
sector s holding s as a little-endian u64 in bytes 0-7 and (s * 7 + i) & 0xff in byte i >= 8.
Usage: make_pattern_disk.py OUTPUT [SECTORS] (default 2048, 1 MiB)."""
import struct
import sys


def sector(s):
    return struct.pack("<Q", s) + bytes((s * 7 + i) & 0xFF for i in range(8, 512))


def main():
    out = sys.argv[1]
    sectors = int(sys.argv[2]) if len(sys.argv) > 2 else 2048
    with open(out, "wb") as f:
        for s in range(sectors):
            f.write(sector(s))


if __name__ == "__main__":
    main()
