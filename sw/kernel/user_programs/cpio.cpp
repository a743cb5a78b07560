// Reading a newc cpio archive in place (Linux init/initramfs.c parse_header and do_header, without
// unpacking into a file system): the kernel execs programs straight from the initramfs pages.
#include "user_programs/cpio.h"

namespace {

constexpr unsigned long HEADER_SIZE = 110;
constexpr int FIELD_MODE = 1, FIELD_FILESIZE = 6, FIELD_NAMESIZE = 11;

constexpr unsigned long align4(unsigned long x) { return (x + 3) & ~3UL; }

// One 8-digit hex field of the header (field 0 starts after the 6-byte magic); -1 if not hex.
long header_field(const u8* h, int field)
{
    long v = 0;
    for (const u8* p = h + 6 + 8 * field; p < h + 14 + 8 * field; ++p) {
        const u8 c = *p;
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v << 4 | d;
    }
    return v;
}

// "070701" (newc) or "070702" (newc with checksums, which the kernel does not verify).
bool magic_ok(const u8* h)
{
    const char* m = "07070";
    for (int i = 0; i < 5; ++i)
        if (h[i] != u8(m[i])) return false;
    return h[5] == '1' || h[5] == '2';
}

bool streq(const char* a, const char* b)
{
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}

const char* strip_root(const char* name)
{
    for (;;) {
        if (name[0] == '/') ++name;
        else if (name[0] == '.' && name[1] == '/') name += 2;
        else return name;
    }
}

}  // namespace

int cpio_next(const u8* archive, unsigned long len, unsigned long* offset, cpio_entry* e)
{
    unsigned long at = *offset;
    while (at <= len && len - at >= 4 && (archive[at] | archive[at + 1] | archive[at + 2] | archive[at + 3]) == 0)
        at += 4;
    *offset = at;
    if (at > len || len - at < HEADER_SIZE || !magic_ok(archive + at)) return -1;
    const u8* h = archive + at;
    const long mode = header_field(h, FIELD_MODE), size = header_field(h, FIELD_FILESIZE);
    const long namesize = header_field(h, FIELD_NAMESIZE);
    if (mode < 0 || size < 0 || namesize < 1) return -1;
    const unsigned long name_at = at + HEADER_SIZE;
    if (len - name_at < static_cast<unsigned long>(namesize) || archive[name_at + namesize - 1] != '\0') return -1;
    const unsigned long data_at = align4(name_at + namesize);
    if (data_at > len || len - data_at < static_cast<unsigned long>(size)) return -1;
    e->name = reinterpret_cast<const char*>(archive + name_at);
    e->mode = u32(mode);
    e->data = archive + data_at;
    e->size = static_cast<unsigned long>(size);
    *offset = align4(data_at + e->size);
    return streq(e->name, "TRAILER!!!") ? 0 : 1;
}

bool cpio_find(const u8* archive, unsigned long len, const char* name, cpio_entry* e)
{
    unsigned long offset = 0;
    while (cpio_next(archive, len, &offset, e) == 1)
        if ((e->mode & CPIO_S_IFMT) == CPIO_S_IFREG && streq(strip_root(e->name), strip_root(name))) return true;
    return false;
}
