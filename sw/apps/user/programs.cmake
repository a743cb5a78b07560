# User applications embedded in the kernel image (built by
# sw/kernel/user_programs/user_programs.cmake from sw/apps/user/<name>.c).
set(MEMVP_USER_APPS hello)
