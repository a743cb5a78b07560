// The file system calls with RISC-V Linux numbers (asm-generic/unistd.h), for proc/syscall.cpp's
// table: arguments as the user passed them (paths and buffers are user pointers).
#pragma once

#include "fs/file.h"

inline constexpr unsigned PATH_MAX = 256;  // bytes of a path, NUL included (Linux: 4096)

// fs/namei.cpp
long sys_mkdirat(int dfd, const char* upath, unsigned mode);
long sys_unlinkat(int dfd, const char* upath, unsigned flags);
long sys_renameat2(int olddfd, const char* uold, int newdfd, const char* unew, unsigned flags);
// fs/open.cpp
long sys_openat(int dfd, const char* upath, unsigned flags, unsigned mode);
long sys_close(int fd);
long sys_ftruncate(int fd, long length);
long sys_chdir(const char* upath);
long sys_getcwd(char* ubuf, unsigned long size);
long sys_dup(int fd);
long sys_dup3(int oldfd, int newfd, unsigned flags);
// fs/pipe.cpp
long sys_pipe2(int* ufds, unsigned flags);
// fs/drop_caches.cpp
long sys_drop_caches(int what);
// fs/read_write.cpp
long sys_read(int fd, char* ubuf, unsigned long len);
long sys_write(int fd, const char* ubuf, unsigned long len);
long sys_pread64(int fd, char* ubuf, unsigned long len, long pos);
long sys_pwrite64(int fd, const char* ubuf, unsigned long len, long pos);
long sys_readv(int fd, const void* uiov, int iovcnt);
long sys_writev(int fd, const void* uiov, int iovcnt);
long sys_lseek(int fd, long offset, int whence);
long sys_fsync(int fd);
long sys_sync();
struct mm_struct;
// mm/msync.cpp, on the caller's mm: mmap (an anonymous one, or of an open file; off in bytes)
// and msync.
long sys_mmap(mm_struct* mm, unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags, int fd,
              unsigned long off);
long sys_msync(mm_struct* mm, unsigned long start, unsigned long len, int flags);
// fs/stat.cpp
long sys_newfstatat(int dfd, const char* upath, void* ustat, unsigned flags);
long sys_fstat(int fd, void* ustat);
// readlinkat (Linux fs/stat.c): -ENOENT for a path that does not exist, -EINVAL for one that
// is not a symbolic link; a link its file system cannot read (ext2's) gives -EOPNOTSUPP.
long sys_readlinkat(int dfd, const char* upath, char* ubuf, int bufsiz);
// fs/ioctl.cpp: the console's TCGETS and TIOCGWINSZ, -ENOTTY otherwise.
long sys_ioctl(int fd, unsigned cmd, unsigned long arg);
// fs/readdir.cpp
long sys_getdents64(int fd, void* udirent, unsigned long count);

// A path copied in from user memory (Linux getname/putname), freed with the object; get() is
// valid when err() is 0 (else -ENOMEM, -EFAULT or -ENAMETOOLONG).
class user_path {
public:
    explicit user_path(const char* upath);
    ~user_path();
    user_path(const user_path&) = delete;
    user_path& operator=(const user_path&) = delete;
    long err() const { return err_; }
    const char* get() const { return buf_; }

private:
    char* buf_;
    long err_;
};
