// ext2's on-disk format (Linux fs/ext2/ext2.h; "The Second Extended File System", Poirier,
// the ext2 layout e2fsprogs writes): the superblock at byte 1024, the group descriptor table
// in the block after it, per group a block bitmap, an inode bitmap and an inode table, inodes
// with 12 direct and 3 indirect block pointers, and directories as chains of entries. Little-endian.
#pragma once

#include "kernel/types.h"

inline constexpr u16 EXT2_SUPER_MAGIC = 0xEF53;
inline constexpr unsigned EXT2_SUPER_OFFSET = 1024;
inline constexpr unsigned EXT2_MIN_BLOCK_LOG_SIZE = 10;  // 1 KiB
inline constexpr u32 EXT2_GOOD_OLD_REV = 0, EXT2_DYNAMIC_REV = 1;
inline constexpr unsigned EXT2_GOOD_OLD_INODE_SIZE = 128;
inline constexpr u32 EXT2_GOOD_OLD_FIRST_INO = 11;
inline constexpr u32 EXT2_ROOT_INO = 2;
inline constexpr u16 EXT2_VALID_FS = 1, EXT2_ERROR_FS = 2;

// Feature flags (s_feature_compat / _incompat / _ro_compat).
inline constexpr u32 EXT2_FEATURE_COMPAT_DIR_PREALLOC = 0x0001, EXT2_FEATURE_COMPAT_IMAGIC_INODES = 0x0002,
                     EXT3_FEATURE_COMPAT_HAS_JOURNAL = 0x0004, EXT2_FEATURE_COMPAT_EXT_ATTR = 0x0008,
                     EXT2_FEATURE_COMPAT_RESIZE_INO = 0x0010, EXT2_FEATURE_COMPAT_DIR_INDEX = 0x0020;
inline constexpr u32 EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER = 0x0001, EXT2_FEATURE_RO_COMPAT_LARGE_FILE = 0x0002,
                     EXT2_FEATURE_RO_COMPAT_BTREE_DIR = 0x0004;
inline constexpr u32 EXT2_FEATURE_INCOMPAT_COMPRESSION = 0x0001, EXT2_FEATURE_INCOMPAT_FILETYPE = 0x0002,
                     EXT3_FEATURE_INCOMPAT_RECOVER = 0x0004, EXT2_FEATURE_INCOMPAT_META_BG = 0x0010;
// What this ext2 implements. COMPAT features need no support to be mounted; of those, dir_index
// is kept correct by clearing EXT2_INDEX_FL on a directory it changes (e2fsck then treats the
// directory as linear), ext_attr by dropping a deleted inode's reference to its attribute block,
// resize_inode by never touching the reserved blocks (its bitmap marks them used).
inline constexpr u32 EXT2_FEATURE_INCOMPAT_SUPP = EXT2_FEATURE_INCOMPAT_FILETYPE;
inline constexpr u32 EXT2_FEATURE_RO_COMPAT_SUPP =
    EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE | EXT2_FEATURE_RO_COMPAT_BTREE_DIR;

struct ext2_super_block {
    u32 s_inodes_count, s_blocks_count, s_r_blocks_count, s_free_blocks_count, s_free_inodes_count;
    u32 s_first_data_block, s_log_block_size, s_log_frag_size;
    u32 s_blocks_per_group, s_frags_per_group, s_inodes_per_group;
    u32 s_mtime, s_wtime;
    u16 s_mnt_count;
    int16_t s_max_mnt_count;
    u16 s_magic, s_state, s_errors, s_minor_rev_level;
    u32 s_lastcheck, s_checkinterval, s_creator_os, s_rev_level;
    u16 s_def_resuid, s_def_resgid;
    // EXT2_DYNAMIC_REV only.
    u32 s_first_ino;
    u16 s_inode_size, s_block_group_nr;
    u32 s_feature_compat, s_feature_incompat, s_feature_ro_compat;
    u8 s_uuid[16];
    char s_volume_name[16];
    char s_last_mounted[64];
    u32 s_algorithm_usage_bitmap;
    u8 s_prealloc_blocks, s_prealloc_dir_blocks;
    u16 s_reserved_gdt_blocks;  // resize_inode
    u8 s_rest[816];  // journal, hash seed, … : kept as read
};
static_assert(sizeof(ext2_super_block) == 1024);

struct ext2_group_desc {
    u32 bg_block_bitmap, bg_inode_bitmap, bg_inode_table;
    u16 bg_free_blocks_count, bg_free_inodes_count, bg_used_dirs_count, bg_pad;
    u32 bg_reserved[3];
};
static_assert(sizeof(ext2_group_desc) == 32);

inline constexpr unsigned EXT2_NDIR_BLOCKS = 12, EXT2_IND_BLOCK = 12, EXT2_DIND_BLOCK = 13, EXT2_TIND_BLOCK = 14,
                          EXT2_N_BLOCKS = 15;

struct ext2_inode {
    u16 i_mode, i_uid;
    u32 i_size, i_atime, i_ctime, i_mtime, i_dtime;
    u16 i_gid, i_links_count;
    u32 i_blocks;  // 512-byte units, indirect and attribute blocks included
    u32 i_flags;
    u32 i_osd1;
    u32 i_block[EXT2_N_BLOCKS];
    u32 i_generation, i_file_acl;
    u32 i_size_high;  // i_dir_acl in revision 0; the size's high half for regular files (large_file)
    u32 i_faddr;
    u8 i_osd2[12];
};
static_assert(sizeof(ext2_inode) == 128);

// i_flags bits this code looks at.
inline constexpr u32 EXT2_INDEX_FL = 0x00001000;  // hashed-indexed directory (dir_index)

// The extended-attribute block header's first words (fs/ext2/xattr.h).
inline constexpr u32 EXT2_XATTR_MAGIC = 0xEA020000;
struct ext2_xattr_header {
    u32 h_magic, h_refcount, h_blocks, h_hash;
};

inline constexpr unsigned EXT2_NAME_LEN = 255;
struct ext2_dir_entry_2 {
    u32 inode;  // 0: unused entry
    u16 rec_len;
    u8 name_len, file_type;
    char name[];
};
// An entry's length for a name of that length: 8 bytes of header, rounded up to 4 bytes.
constexpr unsigned EXT2_DIR_REC_LEN(unsigned name_len) { return (name_len + 8 + 3) & ~3u; }

// file_type values (with the filetype feature).
enum : u8 { EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV, EXT2_FT_FIFO,
            EXT2_FT_SOCK, EXT2_FT_SYMLINK };
