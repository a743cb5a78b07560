#!/usr/bin/env python3
"""Asserts that a program built for the memvp library printed what its static glibc build
printed: the two console outputs (expected files, each checked against real runs by its own
tests) must agree line for line from the program's first line ("<name>: ...") on; the boot
lines before it name the program and the initramfs, which differ by construction.

Usage: check_glibc_same.py NAME MEMVP_LIB_OUTPUT GLIBC_OUTPUT"""
import sys


def program_lines(path, name):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith(name + ":"):
            return lines[i:]
    sys.exit(f"{path}: no line starting with '{name}:'")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    name, ours, theirs = sys.argv[1:]
    a, b = program_lines(ours, name), program_lines(theirs, name)
    for n, (x, y) in enumerate(zip(a, b), 1):
        if x != y:
            print(f"line {n} of {name}'s output differs:\n  memvp libc: {x}\n  glibc:      {y}")
            return 1
    if len(a) != len(b):
        print(f"{name}: {len(a)} lines with the memvp library, {len(b)} with glibc")
        return 1
    print(f"{name}: {len(a)} lines, identical with the memvp library and with glibc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
