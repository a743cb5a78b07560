# User applications of the initramfs (built and packed by
# sw/kernel/user_programs/user_programs.cmake from sw/apps/user/<name>.c).
set(MEMVP_USER_APPS hello demo)
