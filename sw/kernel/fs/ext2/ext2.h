// ext2's in-memory state and the calls between its files (Linux fs/ext2/ext2.h): the mounted
// file system's geometry (ext2_sb_info), an inode's block map and flags (ext2_inode_info,
// around the VFS inode), and errors reported as "EXT2-fs (vda): error: …" with -EIO.
// Every call runs with the VFS lock held (fs/file.h).
#pragma once

#include "fs/buffer_head.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/fs.h"

struct ext2_sb_info {
    buffer_head* s_sbh;            // holds the superblock
    ext2_super_block* s_es;        // inside s_sbh
    buffer_head** s_group_desc;    // the group descriptor table's blocks
    u32 s_groups_count, s_desc_per_block, s_gdb_count;
    u32 s_blocks_per_group, s_inodes_per_group, s_inodes_per_block, s_itb_per_group;
    u32 s_blocks_count, s_inodes_count, s_first_data_block, s_first_ino;
    u32 s_inode_size;
    u32 s_addr_per_block;          // block numbers per indirect block
    bool s_has_filetype;
    char s_last_error[160];        // the last error reported: the same one again is not repeated
};

struct ext2_inode_info {
    u32 i_data[EXT2_N_BLOCKS];
    u32 i_flags, i_file_acl, i_dtime, i_block_group;
    u32 i_alloc_goal;              // where the next data block is looked for
    inode vfs_inode;
};

inline ext2_sb_info* EXT2_SB(super_block* sb) { return static_cast<ext2_sb_info*>(sb->s_fs_info); }
inline ext2_inode_info* EXT2_I(inode* ino) { return list_entry(ino, ext2_inode_info, vfs_inode); }

// super.cpp
extern const file_system_type ext2_fs_type;
// Reports corruption (one console line naming the device), marks the file system as having
// errors; callers then fail the operation with -EIO.
__attribute__((format(printf, 3, 4))) void ext2_error(super_block* sb, const char* function, const char* fmt, ...);
__attribute__((format(printf, 2, 3))) void ext2_msg(super_block* sb, const char* fmt, ...);
void ext2_sb_dirty(super_block* sb);   // the superblock's counts changed

// Bitmaps (little-endian bit order, Linux ext2_set_bit = __test_and_set_bit_le).
inline bool ext2_test_bit(unsigned nr, const void* map) { return static_cast<const u8*>(map)[nr >> 3] & (1u << (nr & 7)); }
inline void ext2_set_bit(unsigned nr, void* map) { static_cast<u8*>(map)[nr >> 3] |= u8(1u << (nr & 7)); }
inline void ext2_clear_bit(unsigned nr, void* map) { static_cast<u8*>(map)[nr >> 3] &= u8(~(1u << (nr & 7))); }
// The first clear bit in [start, size), or size.
inline unsigned ext2_find_next_zero_bit(const void* map, unsigned size, unsigned start)
{
    for (unsigned nr = start; nr < size; ++nr) {
        if ((nr & 7) == 0 && nr + 8 <= size && static_cast<const u8*>(map)[nr >> 3] == 0xff) {
            nr += 7;
            continue;
        }
        if (!ext2_test_bit(nr, map)) return nr;
    }
    return size;
}

// balloc.cpp
ext2_group_desc* ext2_get_group_desc(super_block* sb, u32 group, buffer_head** bh);
// A group's block or inode bitmap (what: "block" or "inode") at block, read; nullptr after
// reporting the failure.
buffer_head* ext2_read_bitmap(super_block* sb, u32 group, u32 block, const char* what);
// A block number that may belong to a file: inside the disk's data area.
bool ext2_data_block_valid(ext2_sb_info* sbi, u32 block);
// Allocates one block, near goal if it is free; 0 or -ENOSPC / -EIO.
int ext2_new_block(inode* ino, u32 goal, u32* block);
void ext2_free_blocks(inode* ino, u32 block, u32 count);

// ialloc.cpp
// A new inode of that mode (type and permissions) near dir's group, referenced, on disk and
// in the inode cache; nullptr with *err.
inode* ext2_new_inode(inode* dir, umode_t mode, int* err);
void ext2_free_inode(inode* ino);

// inode.cpp
// The on-disk inode ino inside its inode-table block (referenced in *bh); nullptr after
// reporting a bad inode number or a failed read.
ext2_inode* ext2_get_raw_inode(super_block* sb, unsigned long ino, buffer_head** bh);
inode* ext2_iget(super_block* sb, unsigned long ino, int* err);
int ext2_write_inode(inode* ino);
void ext2_evict_inode(inode* ino);
inode* ext2_alloc_inode(super_block* sb);
void ext2_destroy_inode(inode* ino);
// Sets i_op and i_fop from the file type.
void ext2_set_inode_ops(inode* ino);
// The disk block of file block iblock: 0 for a hole unless create, which allocates it and the
// indirect blocks on the way (zero-filled, except a regular file's data block, which the page
// cache fills); *is_new then says so. 0 or -errno.
int ext2_get_block(inode* ino, u64 iblock, bool create, u32* block, bool* is_new = nullptr);
// Frees the blocks past size (the inode's new i_size is set by the caller).
int ext2_truncate_blocks(inode* ino, u64 size);
// The largest file size the block map reaches.
u64 ext2_max_size(super_block* sb);

// dir.cpp
extern const file_operations ext2_dir_operations;
// A directory block, read and checked (every entry's rec_len, name_len and inode), referenced;
// nullptr with *err on an I/O error or a bad entry (reported).
buffer_head* ext2_get_dir_block(inode* dir, u64 n, int* err);
// The entry named name in dir: its buffer referenced in *bhp; nullptr with *err (-ENOENT or -EIO).
ext2_dir_entry_2* ext2_find_entry(inode* dir, const qstr* name, buffer_head** bhp, int* err);
ext2_dir_entry_2* ext2_dotdot(inode* dir, buffer_head** bhp, int* err);
int ext2_add_link(inode* dir, const qstr* name, inode* ino);
int ext2_delete_entry(inode* dir, ext2_dir_entry_2* de, buffer_head* bh);
void ext2_set_link(inode* dir, ext2_dir_entry_2* de, buffer_head* bh, inode* ino);
int ext2_make_empty(inode* ino, inode* parent);
// 1 if dir holds only . and .., 0 if not, -errno.
int ext2_empty_dir(inode* dir);

// namei.cpp, file.cpp
extern const inode_operations ext2_dir_inode_operations;
extern const inode_operations ext2_file_inode_operations;
extern const file_operations ext2_file_operations;
// aops.cpp: a regular file's pages to and from its blocks.
extern const address_space_operations ext2_aops;

// Marks the directory changed by a new or removed entry (mtime, ctime, and no longer indexed).
void ext2_dir_changed(inode* dir);
