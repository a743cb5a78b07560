// ext2 name operations (Linux fs/ext2/namei.c): lookup, create, mkdir, unlink, rmdir and
// rename over the directory calls of dir.cpp, keeping link counts as e2fsck expects them
// (a directory: 2 + its subdirectories; its parent gains one link per subdirectory).
#include "fs/ext2/ext2.h"

#include "kernel/errno.h"
#include "kernel/timekeeping.h"

namespace {

constexpr u32 EXT2_LINK_MAX = 32000;

s64 now() { return s64(ktime_get_real_seconds()); }

bool is_dot_or_dotdot(const qstr* name)
{
    return (name->len == 1 && name->name[0] == '.') || (name->len == 2 && name->name[0] == '.' && name->name[1] == '.');
}

// The inode named name in dir, referenced.
inode* find_inode(inode* dir, const qstr* name, int* err)
{
    buffer_head* bh;
    ext2_dir_entry_2* de = ext2_find_entry(dir, name, &bh, err);
    if (!de) return nullptr;
    const u32 ino = de->inode;
    brelse(bh);
    return ext2_iget(dir->i_sb, ino, err);
}

int ext2_lookup(inode* dir, const qstr* name, inode** out)
{
    if (name->len > EXT2_NAME_LEN) return -ENAMETOOLONG;
    int err;
    *out = find_inode(dir, name, &err);
    return *out ? 0 : err;
}

// A new inode of that mode linked into dir under name; referenced in *out.
int new_linked_inode(inode* dir, const qstr* name, umode_t mode, inode** out)
{
    if (name->len > EXT2_NAME_LEN) return -ENAMETOOLONG;
    if (name->len == 0) return -ENOENT;
    int err;
    buffer_head* bh;
    if (ext2_find_entry(dir, name, &bh, &err)) {
        brelse(bh);
        return -EEXIST;
    }
    if (err != -ENOENT) return err;
    inode* ino = ext2_new_inode(dir, mode, &err);
    if (!ino) return err;
    set_nlink(ino, S_ISDIR(mode) ? 2 : 1);
    err = S_ISDIR(mode) ? ext2_make_empty(ino, dir) : 0;
    if (!err) err = ext2_add_link(dir, name, ino);
    if (err) {
        set_nlink(ino, 0);  // the last iput frees it
        iput(ino);
        return err;
    }
    *out = ino;
    return 0;
}

int ext2_create(inode* dir, const qstr* name, umode_t mode, inode** out)
{
    return new_linked_inode(dir, name, umode_t(S_IFREG | (mode & 07777)), out);
}

int ext2_mkdir(inode* dir, const qstr* name, umode_t mode)
{
    if (dir->i_nlink >= EXT2_LINK_MAX) return -EMLINK;
    inode* ino = nullptr;
    const int err = new_linked_inode(dir, name, umode_t(S_IFDIR | (mode & 07777)), &ino);
    if (err) return err;
    inc_nlink(dir);
    iput(ino);
    return 0;
}

// Removes the entry name (a directory when dir_expected) from dir.
int remove_entry(inode* dir, const qstr* name, bool dir_expected)
{
    if (dir_expected && is_dot_or_dotdot(name)) return name->len == 1 ? -EINVAL : -ENOTEMPTY;
    int err;
    buffer_head* bh;
    ext2_dir_entry_2* de = ext2_find_entry(dir, name, &bh, &err);
    if (!de) return err;
    inode* ino = ext2_iget(dir->i_sb, de->inode, &err);
    if (!ino) {
        brelse(bh);
        return err;
    }
    if (S_ISDIR(ino->i_mode) != dir_expected) err = dir_expected ? -ENOTDIR : -EISDIR;
    else if (dir_expected) err = ext2_empty_dir(ino) == 1 ? 0 : -ENOTEMPTY;
    if (!err) err = ext2_delete_entry(dir, de, bh);
    brelse(bh);
    if (!err) {
        ino->i_ctime = dir->i_ctime;
        if (dir_expected) {
            set_nlink(ino, 0);
            drop_nlink(dir);
        } else {
            drop_nlink(ino);
        }
    }
    iput(ino);
    return err;
}

int ext2_unlink(inode* dir, const qstr* name) { return remove_entry(dir, name, false); }
int ext2_rmdir(inode* dir, const qstr* name) { return remove_entry(dir, name, true); }

// Whether dir is ancestor or dir itself (walking up through the '..' entries to the root).
int is_subdir(inode* dir, inode* ancestor)
{
    inode* cur = igrab(dir);
    int result = 0;
    while (result == 0) {
        if (cur == ancestor) {
            result = 1;
            break;
        }
        if (cur->i_ino == EXT2_ROOT_INO) break;
        const qstr dotdot{"..", 2};
        int err;
        inode* parent = find_inode(cur, &dotdot, &err);
        iput(cur);
        if (!parent) return err;
        cur = parent;
    }
    iput(cur);
    return result;
}

int ext2_rename(inode* old_dir, const qstr* old_name, inode* new_dir, const qstr* new_name, unsigned flags)
{
    if (flags & ~RENAME_NOREPLACE) return -EINVAL;
    if (is_dot_or_dotdot(old_name) || is_dot_or_dotdot(new_name)) return -EINVAL;
    if (new_name->len > EXT2_NAME_LEN) return -ENAMETOOLONG;
    int err;
    inode* old = find_inode(old_dir, old_name, &err);
    if (!old) return err;
    const bool is_dir = S_ISDIR(old->i_mode);
    inode* target = nullptr;
    if (is_dir && old_dir != new_dir) {
        err = is_subdir(new_dir, old);  // a directory cannot move below itself
        if (err == 1) err = -EINVAL;
        if (!err && new_dir->i_nlink >= EXT2_LINK_MAX) err = -EMLINK;
    }
    buffer_head* new_bh = nullptr;
    ext2_dir_entry_2* new_de = err ? nullptr : ext2_find_entry(new_dir, new_name, &new_bh, &err);
    if (new_de) {
        target = ext2_iget(new_dir->i_sb, new_de->inode, &err);
        if (!target) err = err ? err : -EIO;
        else if (flags & RENAME_NOREPLACE) err = -EEXIST;
        else if (target == old) err = 1;  // the same file under both names: nothing to do
        else if (is_dir && !S_ISDIR(target->i_mode)) err = -ENOTDIR;
        else if (!is_dir && S_ISDIR(target->i_mode)) err = -EISDIR;
        else if (is_dir) err = ext2_empty_dir(target) == 1 ? 0 : -ENOTEMPTY;
        if (!err) {
            ext2_set_link(new_dir, new_de, new_bh, old);
            target->i_ctime = now();
            if (is_dir) set_nlink(target, 0);
            else drop_nlink(target);
        }
        brelse(new_bh);
    } else if (err == -ENOENT) {
        err = ext2_add_link(new_dir, new_name, old);
        if (!err && is_dir) inc_nlink(new_dir);
    }
    if (!err) {
        buffer_head* old_bh;
        ext2_dir_entry_2* old_de = ext2_find_entry(old_dir, old_name, &old_bh, &err);
        if (old_de) {
            err = ext2_delete_entry(old_dir, old_de, old_bh);
            brelse(old_bh);
        }
        old->i_ctime = now();
        mark_inode_dirty(old);
        // The moved directory's '..' link leaves old_dir (and joined new_dir above, unless it
        // took the place of a directory there, whose link new_dir loses).
        if (!err && is_dir) {
            if (old_dir != new_dir) {
                buffer_head* dd_bh;
                ext2_dir_entry_2* dotdot = ext2_dotdot(old, &dd_bh, &err);
                if (dotdot) {
                    ext2_set_link(old, dotdot, dd_bh, new_dir);
                    brelse(dd_bh);
                }
            }
            drop_nlink(old_dir);
        }
    }
    iput(target);
    iput(old);
    return err == 1 ? 0 : err;
}

}  // namespace

const inode_operations ext2_dir_inode_operations = {ext2_lookup, ext2_create, ext2_mkdir, ext2_unlink,
                                                    ext2_rmdir,  ext2_rename, nullptr};
