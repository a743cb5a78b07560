#!/usr/bin/env python3
"""Makes the ext2 test images: a folder of known files (small and large files, deep
directories, a file that needs double-indirect blocks on 1 KiB blocks, many files in one
directory), then `mke2fs -t ext2 -b BLOCK_SIZE -d FOLDER IMAGE SIZE` from it. Contents are a
function of the path, so the tests can also check them without the folder.

usage: make_ext2_image.py TREE_DIR IMAGE BLOCK_SIZE SIZE_KIB"""
import os
import shutil
import subprocess
import sys


def content(path, size):
    """size bytes derived from path: a repeating line naming the file and the offset."""
    out = bytearray()
    line = 0
    while len(out) < size:
        out += f"{path} line {line:07d} \n".encode()
        line += 1
    return bytes(out[:size])


def make_tree(root):
    if os.path.exists(root):
        shutil.rmtree(root)
    files = {
        "hello.txt": 13,
        "empty": 0,
        "one_block_1k": 1024,
        "odd_size": 5001,
        "direct_limit": 12 * 1024,          # the last direct block on 1 KiB blocks
        "indirect": 200 * 1024,             # single indirect on 1 KiB blocks
        "big/double_indirect.bin": 700 * 1024,  # past 12 + 256 blocks of 1 KiB: double indirect
        "big/four_mib.bin": 4 * 1024 * 1024 + 77,
        "deep/a/b/c/d/e/f/g/h/leaf.txt": 300,
        "deep/a/b/sibling.txt": 4096,
        "sub/dir/file_in_subdir": 2500,
        "victims/unlink_me": 3000,
        "victims/truncate_me": 300 * 1024,
        "victims/rename_me": 100,
        "victims/old_dir/inner.txt": 64,
    }
    for i in range(300):
        files[f"many/file_{i:04d}"] = (i * 37) % 2000
    for rel, size in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content("/" + rel, size))
    os.makedirs(os.path.join(root, "empty_dir"), exist_ok=True)


def main():
    tree, image, block_size, size_kib = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    make_tree(tree)
    with open(image, "wb"):
        pass  # mke2fs sizes it
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext2", "-b", block_size, "-E", "root_owner=0:0", "-d", tree,
                    image, size_kib], check=True, env={**os.environ, "MKE2FS_CONFIG": "/etc/mke2fs.conf"})


if __name__ == "__main__":
    main()
