# Host build of the guest kernel's memory management (sw/kernel/mm: allocators, page tables,
# VMAs, faults, huge pages, vmalloc, swap with the block layer's bio core), for the GoogleTest suites in tests/kernel. The same sources cross-compile for the guest; here a heap buffer stands in
# for DRAM (mm/host/phys_mem.cpp). Kernel code never throws; it is built with exceptions
# enabled only so that a test's panic hook may throw through it.
set(MEMVP_KERNEL_DIR ${CMAKE_CURRENT_LIST_DIR})

add_library(memvp_kernel_mm_host STATIC
  ${MEMVP_KERNEL_DIR}/mm/buddy.cpp
  ${MEMVP_KERNEL_DIR}/mm/buddy_free.cpp
  ${MEMVP_KERNEL_DIR}/mm/watermark.cpp
  ${MEMVP_KERNEL_DIR}/mm/vmstat.cpp
  ${MEMVP_KERNEL_DIR}/mm/slab.cpp
  ${MEMVP_KERNEL_DIR}/mm/kmalloc.cpp
  ${MEMVP_KERNEL_DIR}/mm/pgtable.cpp
  ${MEMVP_KERNEL_DIR}/mm/vma.cpp
  ${MEMVP_KERNEL_DIR}/mm/mmap.cpp
  ${MEMVP_KERNEL_DIR}/mm/overcommit.cpp
  ${MEMVP_KERNEL_DIR}/mm/mprotect.cpp
  ${MEMVP_KERNEL_DIR}/mm/memory.cpp
  ${MEMVP_KERNEL_DIR}/mm/huge_memory.cpp
  ${MEMVP_KERNEL_DIR}/mm/shmem.cpp
  ${MEMVP_KERNEL_DIR}/mm/swap.cpp
  ${MEMVP_KERNEL_DIR}/mm/swapfile.cpp
  ${MEMVP_KERNEL_DIR}/mm/swap_state.cpp
  ${MEMVP_KERNEL_DIR}/mm/swapin.cpp
  ${MEMVP_KERNEL_DIR}/mm/swap_readahead.cpp
  ${MEMVP_KERNEL_DIR}/mm/page_io.cpp
  ${MEMVP_KERNEL_DIR}/block/bio.cpp
  ${MEMVP_KERNEL_DIR}/block/genhd.cpp
  ${MEMVP_KERNEL_DIR}/mm/workingset.cpp
  ${MEMVP_KERNEL_DIR}/mm/fork.cpp
  ${MEMVP_KERNEL_DIR}/mm/gup.cpp
  ${MEMVP_KERNEL_DIR}/mm/proc_maps.cpp
  ${MEMVP_KERNEL_DIR}/mm/rmap.cpp
  ${MEMVP_KERNEL_DIR}/mm/anon_rmap.cpp
  ${MEMVP_KERNEL_DIR}/mm/vmalloc.cpp
  ${MEMVP_KERNEL_DIR}/mm/xarray.cpp
  ${MEMVP_KERNEL_DIR}/mm/oom_kill.cpp
  ${MEMVP_KERNEL_DIR}/mm/host/host_completion.cpp
  ${MEMVP_KERNEL_DIR}/mm/host/phys_mem.cpp
  ${MEMVP_KERNEL_DIR}/mm/host/vm_shims.cpp
  ${MEMVP_KERNEL_DIR}/mm/host/host_printk.cpp)
target_include_directories(memvp_kernel_mm_host PUBLIC
  ${MEMVP_KERNEL_DIR}/include
  ${MEMVP_KERNEL_DIR})
target_compile_features(memvp_kernel_mm_host PUBLIC cxx_std_20)
target_compile_options(memvp_kernel_mm_host PRIVATE -fno-rtti)

# Host build of the block layer, the buffer cache and the file systems (sw/kernel/block,
# sw/kernel/fs) over the host mm build; a disk is an image file (block/host/host_bdev.cpp).
# The VFS's system calls and file tables need the guest's tasks and are not built here.
file(GLOB memvp_kernel_ext2_sources CONFIGURE_DEPENDS ${MEMVP_KERNEL_DIR}/fs/ext2/*.cpp)
add_library(memvp_kernel_fs_host STATIC
  ${memvp_kernel_ext2_sources}
  ${MEMVP_KERNEL_DIR}/fs/buffer.cpp
  ${MEMVP_KERNEL_DIR}/fs/inode.cpp
  ${MEMVP_KERNEL_DIR}/fs/super.cpp
  ${MEMVP_KERNEL_DIR}/fs/fs_writeback.cpp
  ${MEMVP_KERNEL_DIR}/mm/filemap.cpp
  ${MEMVP_KERNEL_DIR}/mm/filemap_fault.cpp
  ${MEMVP_KERNEL_DIR}/mm/page_writeback.cpp
  ${MEMVP_KERNEL_DIR}/mm/vmscan.cpp
  ${MEMVP_KERNEL_DIR}/mm/swapon.cpp
  ${MEMVP_KERNEL_DIR}/block/host/host_bdev.cpp
  ${MEMVP_KERNEL_DIR}/block/host/host_kernel.cpp)
target_link_libraries(memvp_kernel_fs_host PUBLIC memvp_kernel_mm_host)
target_compile_options(memvp_kernel_fs_host PRIVATE -fno-rtti)
