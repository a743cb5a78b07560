// Misuse of the page allocator must stop the kernel with a message that says what went wrong
// and where: double free, freeing with the wrong order, freeing pages that were never
// allocated, and writes to freed (poisoned) memory.
#include "mm_test_support.h"

TEST(kernel_buddy_misuse, DoubleFreeIsDetected)
{
    MmMachine m({{0, 1024}});
    page* a = m.buddy.alloc_pages(GFP_KERNEL, 2);
    page* b = m.buddy.alloc_pages(GFP_KERNEL, 2);
    m.buddy.__free_pages(b, 2);  // a still allocated: b stays a free order-2 block
    const std::string msg = panic_message([&] { m.buddy.__free_pages(b, 2); });
    EXPECT_NE(msg.find("double free of pfn 0x80004 order 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("buddy_free.cpp"), std::string::npos) << msg;  // where
    EXPECT_NE(msg.find("check_free_page"), std::string::npos) << msg;

    m.buddy.__free_pages(a, 2);  // merges everything back into one block
    const std::string merged = panic_message([&] { m.buddy.__free_pages(b, 2); });
    EXPECT_NE(merged.find("not allocated"), std::string::npos) << merged;
}

TEST(kernel_buddy_misuse, WrongOrderIsDetected)
{
    MmMachine m({{0, 1024}});
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 3);
    const std::string msg = panic_message([&] { m.buddy.__free_pages(p, 2); });
    EXPECT_NE(msg.find("freed with order 2 but allocated with order 3"), std::string::npos) << msg;
    m.buddy.__free_pages(p, 3);  // the failed free changed nothing
    EXPECT_EQ(m.buddy.nr_free_pages(), 1024u);
}

TEST(kernel_buddy_misuse, FreeingPagesNeverAllocatedIsDetected)
{
    MmMachine m({{0, 4096}}, /*external_memmap=*/false);
    const std::string reserved = panic_message([&] { m.buddy.__free_pages(pfn_to_page(m.start_pfn()), 0); });
    EXPECT_NE(reserved.find("is reserved"), std::string::npos) << reserved;

    page* p = m.buddy.alloc_pages(GFP_KERNEL, 2);
    const std::string inside = panic_message([&] { m.buddy.__free_pages(p + 1, 0); });
    EXPECT_NE(inside.find("is not allocated"), std::string::npos) << inside;

    page* c = m.buddy.alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
    const std::string tail = panic_message([&] { m.buddy.__free_pages(c + 2, 0); });
    EXPECT_NE(tail.find("tail page"), std::string::npos) << tail;

    EXPECT_NE(panic_message([&] { m.buddy.__free_pages(p, MAX_ORDER); }).find(">= MAX_ORDER"), std::string::npos);
}

TEST(kernel_buddy_misuse, WriteAfterFreeIsCaughtByPoison)
{
    MmMachine m({{0, 1024}});
    page* p = m.buddy.alloc_pages(GFP_KERNEL, 0);
    u8* bytes = static_cast<u8*>(page_address(p));
    m.buddy.__free_pages(p, 0);
    bytes[100] = 0x5a;  // use after free
    const std::string msg = panic_message([&] { m.buddy.alloc_pages(GFP_KERNEL, 0); });
    EXPECT_NE(msg.find("memory corruption in freed pfn 0x80000 at byte 0x64: 0x5a, expected 0xaa"), std::string::npos)
        << msg;
}
