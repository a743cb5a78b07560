// System calls the kernel does not implement: -ENOSYS to the caller, as Linux answers a
// number it has no entry for, and one console line per number per boot, naming the caller
// and the call, so that a program that needs more shows what (strace-like) without flooding
// the console or ever stopping the kernel.
#pragma once

// Linux's name for RISC-V system call nr (proc/syscall_names.cpp), nullptr if it has none.
const char* linux_syscall_name(unsigned long nr);
// "COMM[PID]: syscall NR (NAME) not implemented" the first time nr is seen (numbers from 2048
// on share one line); returns -ENOSYS.
long syscall_not_implemented(unsigned long nr);
