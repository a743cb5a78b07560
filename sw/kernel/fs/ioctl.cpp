// ioctl (Linux fs/ioctl.c, drivers/tty/tty_io.c): the console is a terminal and answers the
// two requests a C library makes of one, TCGETS (isatty, tcgetattr) and TIOCGWINSZ, with the
// settings of Linux's tty_std_termios (include/linux/tty.h, drivers/tty/tty_io.c) and a window
// size of 0 x 0, as a serial console reports. Every other file, and every other request on the
// console, is -ENOTTY, as for a file without a tty driver.
#include "asm/uaccess.h"
#include "fs/syscalls.h"
#include "kernel/errno.h"

namespace {

constexpr unsigned TCGETS = 0x5401, TIOCGWINSZ = 0x5413;  // include/uapi/asm-generic/ioctls.h

// struct termios of the kernel ABI (include/uapi/asm-generic/termbits.h: NCCS 19).
struct termios_user {
    u32 c_iflag, c_oflag, c_cflag, c_lflag;
    u8 c_line;
    u8 c_cc[19];
};
static_assert(sizeof(termios_user) == 36);

struct winsize_user {
    u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

// tty_std_termios: ICRNL | IXON; OPOST | ONLCR; B38400 | CS8 | CREAD | HUPCL; ISIG | ICANON |
// ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN; the INIT_C_CC control characters.
constexpr termios_user console_termios = {
    0000400 | 0002000, 0000001 | 0000004, 0000017 | 0000060 | 0000200 | 0002000,
    0000001 | 0000002 | 0000010 | 0000020 | 0000040 | 0001000 | 0004000 | 0100000, 0,
    {003, 034, 0177, 025, 004, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0, 0, 0},
};

}  // namespace

long sys_ioctl(int fd, unsigned cmd, unsigned long arg)
{
    file* f = fget(fd);
    if (!f) return -EBADF;
    const bool console = !f->f_inode && !f->f_pipe;
    fput(f);
    void* uarg = reinterpret_cast<void*>(arg);
    if (console && cmd == TCGETS)
        return copy_to_user(uarg, &console_termios, sizeof(console_termios)) ? -EFAULT : 0;
    if (console && cmd == TIOCGWINSZ) {
        const winsize_user ws{};
        return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
    }
    return -ENOTTY;
}
