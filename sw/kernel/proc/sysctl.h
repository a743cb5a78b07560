// The vm.* sysctls at run time (Linux kernel/sysctl.c's vm_table, written through
// /proc/sys/vm/NAME; here memvp's call memvp_sysctl, 1039). The bootargs sysctl.vm.NAME=VALUE
// set the same variables at boot.
#pragma once

// vm.min_free_kbytes (memvp_min_free_kbytes, 1036): sets the watermarks for kbytes (at most half
// of RAM; 0 only reads) and returns the value in force, or -EINVAL.
long vm_min_free_kbytes(long kbytes);

// Sets the vm sysctl name ("vm.swappiness") to value when value >= 0 and returns the value in
// force; -ENOENT for a name it does not know, -EINVAL for a value out of the knob's range.
long vm_sysctl(const char* name, long value);

// The call itself: name copied from user memory (at most 47 characters).
long sys_memvp_sysctl(const char* uname, long value);
