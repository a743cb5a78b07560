#!/usr/bin/env python3
"""Makes the guest's ext2 disk image: a folder holding user programs and test data, then
`mke2fs -t ext2 -b 1024 -d FOLDER IMAGE SIZE_KIB` (e2fsprogs), as a distribution builds a root
file system from a staging directory.

usage: gen_disk_image.py TREE IMAGE SIZE_KIB [DEST=SRC | DEST=pattern:BYTES | DEST=dir:SRC_DIR]...
  DEST=SRC            copies the file SRC to TREE/DEST (executable)
  DEST=pattern:BYTES  writes BYTES bytes whose byte i is (i * 131 + (i >> 12)) & 0xff
  DEST=dir:SRC_DIR    copies the folder SRC_DIR to TREE/DEST"""
import os
import shutil
import subprocess
import sys


def pattern(size):
    # Byte i of 4 KiB block k is (i * 131 + k) & 0xff: one block's bytes shifted by k.
    base = bytes((i * 131) & 0xFF for i in range(4096))
    shift = [bytes((b + k) & 0xFF for b in range(256)) for k in range(256)]
    blocks = [base.translate(shift[k & 0xFF]) for k in range((size + 4095) // 4096)]
    return b"".join(blocks)[:size]


def main():
    tree, image, size_kib = sys.argv[1:4]
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    for entry in sys.argv[4:]:
        dest, src = entry.split("=", 1)
        path = os.path.join(tree, dest)
        os.makedirs(os.path.dirname(path) or tree, exist_ok=True)
        if src.startswith("pattern:"):
            with open(path, "wb") as f:
                f.write(pattern(int(src[len("pattern:"):])))
        elif src.startswith("dir:"):
            shutil.copytree(src[len("dir:"):], path, dirs_exist_ok=True)
        else:
            shutil.copyfile(src, path)
            os.chmod(path, 0o755)
    with open(image, "wb"):
        pass  # mke2fs sizes it
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", "-E", "root_owner=0:0", "-d", tree, image,
                    size_kib], check=True)


if __name__ == "__main__":
    main()
