#!/usr/bin/env python3
"""Packs files into a "newc" cpio archive for the kernel's initramfs, as Linux's
usr/gen_init_cpio.c writes one: per file a 110-byte ASCII header (magic 070701, thirteen
8-digit hex fields), the NUL-terminated name and the data, each padded to 4 bytes; then the
entry TRAILER!!! and zeros up to a multiple of 512 bytes. mtime, uid and gid are 0, so the
archive depends only on the files' bytes (a reproducible build).

One departure: where a file's data would start at an offset that is 4 but not 8 bytes
aligned, a zero word goes before its header (Linux init/initramfs.c unpack_to_rootfs skips
zero bytes between entries, as does the kernel's cpio.cpp). The kernel execs programs from
the archive in place, and its memcpy copies doublewords only when source and destination
agree modulo 8.

usage: gen_init_cpio.py OUTPUT NAME=PATH...   (files are stored as regular files, mode 0755)
"""
import sys

S_IFREG = 0o100000


def header(ino, mode, nlink, size, namesize):
    # ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
    fields = (ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, namesize, 0)
    return b"070701" + b"".join(b"%08X" % f for f in fields)


def pad4(out):
    out += b"\0" * (-len(out) % 4)


def entry(out, ino, mode, nlink, name, data):
    encoded = name.encode() + b"\0"
    if (len(out) + 110 + len(encoded) + 3) // 4 * 4 % 8:
        out += b"\0" * 4
    out += header(ino, mode, nlink, len(data), len(encoded)) + encoded
    pad4(out)
    out += data
    pad4(out)


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: gen_init_cpio.py OUTPUT NAME=PATH...")
    out = bytearray()
    names = set()
    for ino, spec in enumerate(argv[2:], start=721):  # gen_init_cpio's first inode number
        name, sep, path = spec.partition("=")
        if not sep or not name or name in names:
            sys.exit(f"gen_init_cpio.py: bad or repeated entry {spec!r}")
        names.add(name)
        with open(path, "rb") as f:
            entry(out, ino, S_IFREG | 0o755, 1, name, f.read())
    entry(out, 0, 0, 1, "TRAILER!!!", b"")
    out += b"\0" * (-len(out) % 512)
    with open(argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(sys.argv)
