// Faults on file mappings (Linux mm/filemap.c filemap_fault, generic_file_mmap; mm/memory.c
// do_read_fault, do_cow_fault, do_shared_fault, wp_page_shared): pages come from the page
// cache (read ahead on a miss). A private mapping maps them read-only and copies on the first
// write; a shared one maps the cache's page itself, read-only until a write, which dirties it
// (page_mkwrite, set_page_dirty) and makes the PTE writable until write-back cleans the page
// again (page_mkclean). Accesses past the end of the file get SIGBUS.
#include "fs/file.h"
#include "mm/internal.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/writeback.h"

namespace {

address_space* vma_mapping(const vm_area_struct* vma) { return &vma->vm_file->f_inode->i_data; }

// The page at index, read (with readahead) if it was not cached, referenced; or why not.
// *major: the page was not in the cache at all, so the fault waits for the disk (Linux
// filemap_fault's VM_FAULT_MAJOR; a page that readahead is still reading is a minor fault).
page* filemap_get_page(address_space* mapping, unsigned long index, vm_fault_t* why, vm_fault_t* major)
{
    // The page holding the end of file is still mapped whole (its tail reads as zeros).
    if ((u64(index) << PAGE_SHIFT) >= mapping_size(mapping)) {
        *why = VM_FAULT_SIGBUS;
        return nullptr;
    }
    page* p = find_get_page(mapping, index);
    if (p && test_page_flag(p, PG_uptodate)) return p;
    if (p) {
        put_cache_page(p);
    } else {
        *major = VM_FAULT_MAJOR;
        page_cache_readahead(mapping, index);
    }
    int err;
    p = read_mapping_page(mapping, index, &err);
    if (!p) *why = err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;  // an I/O error is SIGBUS, as Linux
    return p;
}

// Linux page_mkwrite (block_page_mkwrite) and fault_dirty_shared_page: a store is coming to
// page p of a shared mapping: give its bytes inside the file blocks (a hole gets them now, so
// that write-back has somewhere to put them; ENOSPC is SIGBUS), mark it dirty and the file
// modified (file_update_time: once per fault, as the stores after it do not fault until
// write-back cleans the page). The task balances its dirty pages once the fault has dropped
// its locks (balance_dirty_pages_after_fault).
vm_fault_t page_mkwrite(address_space* mapping, page* p)
{
    const u64 pos = u64(p->index) << PAGE_SHIFT, size = mapping_size(mapping);
    if (pos >= size) return VM_FAULT_SIGBUS;  // truncated since it was mapped
    const unsigned len = size - pos < PAGE_SIZE ? unsigned(size - pos) : unsigned(PAGE_SIZE);
    const int err = mapping->a_ops->write_begin(mapping, pos, len);
    if (err) return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
    set_page_dirty(p);
    file_update_time(mapping->host);
    task_dirtied_shared_page();
    return 0;
}

// *pte still maps the page orig mapped (orig 0: still maps nothing). An allocation in a fault may
// reclaim, and reclaim may unmap this address space's pages (current_fault_mm, mm/rmap.h); the
// fault then retries, as Linux's does when pte_same fails under the PTE lock. The A bit may
// have changed meanwhile (aging), which does not matter.
bool pte_maps_same(pte_t now, pte_t orig)
{
    return orig ? pte_present(now) && pte_pfn(now) == pte_pfn(orig) : pte_none(now);
}

// Linux wp_page_copy for a page-cache page: the private mapping takes an anonymous copy of src,
// which orig maps at addr (0: nothing is mapped there yet). Takes over the caller's reference
// on src.
vm_fault_t do_cow_page(vm_area_struct* vma, unsigned long addr, pte_t* pte, page* src, pte_t orig)
{
    page* p = anon_vma_prepare(vma) ? nullptr : alloc_page(GFP_HIGHUSER_MOVABLE);
    if (!p || !pte_maps_same(*pte, orig)) {
        if (p) __free_page(p);
        put_cache_page(src);
        return p ? 0 : VM_FAULT_OOM;
    }
    __builtin_memcpy(page_address(p), page_address(src), PAGE_SIZE);
    page_add_new_anon_rmap(p, vma, addr);
    lru_cache_add_anon(p);  // an anonymous page now, like do_wp_page's copies
    *pte = mk_leaf(page_to_pfn(p), vm_get_page_prot(vma->vm_flags));
    if (orig) {
        page_remove_file_rmap(src);
        flush_tlb_page(vma->vm_mm, addr);  // no hart may keep reading the cache's page here
        put_cache_page(src);               // the old PTE's reference
    } else {
        vma->vm_mm->rss++;
        local_flush_tlb_page(addr);
    }
    put_cache_page(src);
    return 0;
}

// A write to a present read-only PTE (Linux do_wp_page for file pages).
vm_fault_t filemap_wp_page(vm_area_struct* vma, unsigned long addr, pte_t* pte)
{
    const pte_t orig = *pte;
    page* p = pfn_to_page(pte_pfn(orig));
    if (!vma_maps_file_page(vma, addr, p)) return VM_FAULT_FALLBACK;  // a private copy
    if (!(vma->vm_flags & VM_SHARED)) {
        get_page_ref(p);  // held across the allocation, as Linux holds vmf->page
        return do_cow_page(vma, addr, pte, p, orig);
    }
    if (!(vma->vm_flags & VM_WRITE)) return VM_FAULT_SIGSEGV;  // a forced write cannot share
    get_page_ref(p);  // page_mkwrite may allocate, and reclaim unmap p meanwhile
    const vm_fault_t r = page_mkwrite(vma_mapping(vma), p);
    if (!r && pte_maps_same(*pte, orig)) {
        *pte = pte_mkwrite(*pte);  // wp_page_shared
        local_flush_tlb_page(addr);
    }
    put_cache_page(p);
    return r;
}

// No PTE yet (Linux do_read_fault, do_cow_fault, do_shared_fault).
vm_fault_t filemap_map_page(vm_area_struct* vma, unsigned long addr, pte_t* pte, bool write)
{
    address_space* mapping = vma_mapping(vma);
    vm_fault_t why = 0, major = 0;
    page* p = filemap_get_page(mapping, linear_page_index(vma, addr), &why, &major);
    if (!p) return why;
    const bool shared = vma->vm_flags & VM_SHARED;
    if (write && !shared) {
        why = do_cow_page(vma, addr, pte, p, 0);
        return why ? why : major;
    }
    if (write && !(vma->vm_flags & VM_WRITE)) why = VM_FAULT_SIGSEGV;
    else if (write) why = page_mkwrite(mapping, p);
    if (why) {
        put_cache_page(p);
        return why;
    }
    // The page's reference moves into the PTE. Writable only once dirty (shared) or never
    // (private: the cache's page is copied on the first write).
    pte_t prot = vm_get_page_prot(vma->vm_flags);
    if (!write) prot &= ~_PAGE_W;
    *pte = mk_leaf(page_to_pfn(p), prot);
    page_add_file_rmap(p);
    vma->vm_mm->rss++;
    local_flush_tlb_page(addr);
    return major;
}

// The whole fault runs under the VFS lock, the page cache's: a page is mapped, and a shared
// one made writable, either wholly before a write-back of it cleans it (page_mkclean then
// write-protects the PTE) or wholly after.
vm_fault_t filemap_fault(vm_area_struct* vma, unsigned long addr, pte_t* pte, unsigned int flags)
{
    const bool write = flags & FAULT_FLAG_WRITE;
    vfs_lock();
    const vm_fault_t r = pte_none(*pte) ? filemap_map_page(vma, addr, pte, write) : filemap_wp_page(vma, addr, pte);
    vfs_unlock();
    return r;
}

// A copy of a file VMA (split, fork) references the file too and joins its i_mmap.
void filemap_vma_open(vm_area_struct* vma)
{
    get_file(vma->vm_file);
    vfs_lock();
    vma_link_file(vma);
    vfs_unlock();
}

void filemap_vma_close(vm_area_struct* vma)
{
    vfs_lock();
    vma_unlink_file(vma);
    vfs_unlock();
    fput(vma->vm_file);
}

const vm_operations_struct generic_file_vm_ops = {filemap_vma_open, filemap_vma_close, filemap_fault};

}  // namespace

int generic_file_mmap(file* f, vm_area_struct* vma)
{
    if (!f->f_inode->i_data.a_ops) return -ENODEV;
    vma->vm_file = f;
    vma->vm_ops = &generic_file_vm_ops;
    filemap_vma_open(vma);
    return 0;
}
