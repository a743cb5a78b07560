// Host tests of the kernel's FDT reader and bootargs parser (sw/kernel/boot): DTBs compiled by
// dtc from dts/*.dts at build time, and bootargs strings.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "boot/bootargs.h"
#include "boot/boot_params.h"

namespace {

std::vector<unsigned char> read_dtb(const std::string& name)
{
    std::ifstream in(std::string(KERNEL_BOOT_DTB_DIR) + "/" + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

boot_params_t parse(const std::string& name)
{
    const std::vector<unsigned char> dtb = read_dtb(name);
    EXPECT_FALSE(dtb.empty()) << name;
    boot_params_t bp;
    boot_params_defaults(&bp);
    EXPECT_TRUE(fdt_parse(dtb.data(), &bp));
    EXPECT_LE(bp.dtb_size, dtb.size());  // QEMU's dump is padded
    EXPECT_GT(bp.dtb_size, 0u);
    return bp;
}

TEST(Fdt, Numa2MemoryNodesSortedWithTheirNodes)
{
    const boot_params_t bp = parse("numa2.dtb");
    ASSERT_EQ(bp.nr_mem, 2);
    EXPECT_EQ(bp.mem[0].base, 0x80000000u);
    EXPECT_EQ(bp.mem[0].size, 0x4000000u);
    EXPECT_EQ(bp.mem[0].nid, 0);
    EXPECT_EQ(bp.mem[1].base, 0x84000000u);
    EXPECT_EQ(bp.mem[1].size, 0x4000000u);
    EXPECT_EQ(bp.mem[1].nid, 1);
    EXPECT_EQ(bp.nr_nodes, 2);
}

TEST(Fdt, Numa2CpusDistancesDevices)
{
    const boot_params_t bp = parse("numa2.dtb");
    EXPECT_EQ(bp.nr_cpus, 4u);
    const int want_node[] = {0, 0, 1, 1};
    for (int h = 0; h < 4; ++h) {
        EXPECT_TRUE(bp.cpu_present[h]) << h;
        EXPECT_EQ(bp.cpu_node[h], want_node[h]) << h;
    }
    EXPECT_FALSE(bp.cpu_present[4]);
    EXPECT_EQ(bp.distance[0][0], 10);
    EXPECT_EQ(bp.distance[0][1], 20);
    EXPECT_EQ(bp.distance[1][0], 20);
    EXPECT_EQ(bp.distance[1][1], 10);
    EXPECT_EQ(bp.timebase_frequency, 10000000u);
    EXPECT_EQ(bp.uart_base, 0x10000000u);
    EXPECT_EQ(bp.clint_base, 0x2000000u);
    EXPECT_EQ(bp.finisher_base, 0x100000u);
    EXPECT_EQ(bp.event_port_base, 0x102000u);  // memvp,event-port
    EXPECT_STREQ(bp.isa, "rv64imac_zicsr_zifencei");
    EXPECT_STREQ(bp.bootargs, "init=smp_spread mmu=sv48 thp=always asid=off extra");
    EXPECT_EQ(bp.initrd_start, 0x84000000u);
    EXPECT_EQ(bp.initrd_end, 0x84001200u);
    // One CLINT; the cpus' interrupt controllers have no phandles here, so slot = hart id.
    EXPECT_EQ(bp.clint_msip[3], 0x200000Cu);
    EXPECT_EQ(bp.clint_mtimecmp[3], 0x2004018u);
}

TEST(Fdt, SingleNodeOneSizeCellOtherAddresses)
{
    const boot_params_t bp = parse("single.dtb");
    ASSERT_EQ(bp.nr_mem, 1);
    EXPECT_EQ(bp.mem[0].base, 0x80000000u);
    EXPECT_EQ(bp.mem[0].size, 0x10000000u);
    EXPECT_EQ(bp.mem[0].nid, 0);
    EXPECT_EQ(bp.nr_nodes, 1);
    EXPECT_EQ(bp.nr_cpus, 1u);
    EXPECT_EQ(bp.timebase_frequency, 1000000u);
    EXPECT_EQ(bp.uart_base, 0x20000000u);
    EXPECT_EQ(bp.clint_base, 0x3000000u);
    EXPECT_EQ(bp.finisher_base, 0x200000u);
    EXPECT_EQ(bp.event_port_base, 0u);  // no event port
    EXPECT_STREQ(bp.bootargs, "");
    EXPECT_EQ(bp.initrd_start, 0u);  // no initramfs
    EXPECT_EQ(bp.initrd_end, 0u);
    EXPECT_EQ(bp.distance[0][0], 0);
}

// The DTB QEMU itself builds for -smp 4 with two 64 MiB nodes (what the QEMU guest tests boot on).
TEST(Fdt, QemuVirtNuma2)
{
    if (!KERNEL_BOOT_HAVE_QEMU_DTB) GTEST_SKIP() << "qemu-system-riscv64 not found";
    const boot_params_t bp = parse("qemu_numa2.dtb");
    ASSERT_EQ(bp.nr_mem, 2);
    EXPECT_EQ(bp.mem[0].base, 0x80000000u);
    EXPECT_EQ(bp.mem[0].size, 64u << 20);
    EXPECT_EQ(bp.mem[0].nid, 0);
    EXPECT_EQ(bp.mem[1].base, 0x84000000u);
    EXPECT_EQ(bp.mem[1].size, 64u << 20);
    EXPECT_EQ(bp.mem[1].nid, 1);
    EXPECT_EQ(bp.nr_nodes, 2);
    EXPECT_EQ(bp.nr_cpus, 4u);
    EXPECT_EQ(bp.cpu_node[1], 0);
    EXPECT_EQ(bp.cpu_node[2], 1);
    EXPECT_EQ(bp.distance[0][1], 20);
    EXPECT_EQ(bp.distance[1][1], 10);
    EXPECT_EQ(bp.timebase_frequency, 10000000u);
    EXPECT_EQ(bp.uart_base, 0x10000000u);
    EXPECT_EQ(bp.clint_base, 0x2000000u);
    EXPECT_EQ(bp.finisher_base, 0x100000u);
    EXPECT_EQ(bp.event_port_base, 0u);  // QEMU has none
    // One CLINT per socket: harts 2 and 3 are slots 0 and 1 of the CLINT at 0x201_0000.
    const unsigned long msip[] = {0x2000000, 0x2000004, 0x2010000, 0x2010004};
    for (int h = 0; h < 4; ++h) {
        EXPECT_EQ(bp.clint_msip[h], msip[h]) << h;
        EXPECT_EQ(bp.clint_mtimecmp[h], (msip[h] & ~0xfffful) + 0x4000 + 2 * (msip[h] & 0xf)) << h;
    }
}

// QEMU virt with two sockets has a PLIC per socket (context 2k+1 of each is its k-th hart's S
// context) and wires the virtio-mmio slots to socket 1's; its eight slots come in descending
// address order, slot n with PLIC source 1 + n.
TEST(Fdt, QemuVirtNuma2PlicsAndVirtioSlots)
{
    if (!KERNEL_BOOT_HAVE_QEMU_DTB) GTEST_SKIP() << "qemu-system-riscv64 not found";
    const boot_params_t bp = parse("qemu_numa2.dtb");
    ASSERT_EQ(bp.nr_plics, 2);
    const int p0 = bp.plic[0].base == 0xc000000 ? 0 : 1, p1 = 1 - p0;
    EXPECT_EQ(bp.plic[p0].base, 0xc000000u);
    EXPECT_EQ(bp.plic[p1].base, 0xc600000u);
    for (int p = 0; p < 2; ++p) EXPECT_EQ(bp.plic[p].ndev, 96u) << p;
    const int ctx0[] = {1, 3, -1, -1}, ctx1[] = {-1, -1, 1, 3};
    for (int h = 0; h < 4; ++h) {
        EXPECT_EQ(bp.plic[p0].s_context[h], ctx0[h]) << h;
        EXPECT_EQ(bp.plic[p1].s_context[h], ctx1[h]) << h;
    }
    ASSERT_EQ(bp.nr_virtio_mmio, 8);
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(bp.virtio_mmio[i].base, 0x10008000u - 0x1000u * unsigned(i)) << i;
        EXPECT_EQ(bp.virtio_mmio[i].size, 0x1000u) << i;
        EXPECT_EQ(bp.virtio_mmio[i].irq, 8u - unsigned(i)) << i;
        EXPECT_EQ(bp.virtio_mmio[i].plic, p1) << i;
    }
}

TEST(Fdt, RejectsWhatIsNotADtb)
{
    const unsigned char junk[16] = {0xde, 0xad, 0xbe, 0xef};
    boot_params_t bp;
    boot_params_defaults(&bp);
    EXPECT_FALSE(fdt_parse(junk, &bp));
    EXPECT_EQ(bp.uart_base, 0x10000000u);  // defaults kept
}

TEST(Bootargs, Defaults)
{
    kernel_options o;
    parse_bootargs("", &o);
    EXPECT_STREQ(o.init, "init");
    EXPECT_EQ(o.mmu_levels, 3);
    EXPECT_EQ(o.thp, THP_OPT_MADVISE);
    EXPECT_TRUE(o.asid);
    EXPECT_FALSE(o.clear_young_flush);
    EXPECT_EQ(o.ktest, nullptr);
    EXPECT_EQ(o.bad, nullptr);
    ASSERT_EQ(o.init_argc, 1);
    EXPECT_STREQ(o.init_argv[0], "init");
    EXPECT_EQ(o.init_argv[1], nullptr);
}

TEST(Bootargs, EveryOptionAndInitArguments)
{
    kernel_options o;
    parse_bootargs("init=hugepage  mmu=sv48 thp=always asid=off clear_young_flush=on ktest=slab always x", &o);
    EXPECT_STREQ(o.init, "hugepage");
    EXPECT_EQ(o.mmu_levels, 4);
    EXPECT_EQ(o.thp, THP_OPT_ALWAYS);
    EXPECT_FALSE(o.asid);
    EXPECT_TRUE(o.clear_young_flush);
    EXPECT_STREQ(o.ktest, "slab");
    EXPECT_EQ(o.bad, nullptr);
    ASSERT_EQ(o.init_argc, 3);
    EXPECT_STREQ(o.init_argv[0], "hugepage");
    EXPECT_STREQ(o.init_argv[1], "always");
    EXPECT_STREQ(o.init_argv[2], "x");
    EXPECT_EQ(o.init_argv[3], nullptr);
}

TEST(Bootargs, UnknownValuesAreReportedAndIgnored)
{
    kernel_options o;
    parse_bootargs("mmu=sv57 thp=never foo=bar", &o);
    EXPECT_EQ(o.mmu_levels, 3);
    EXPECT_EQ(o.thp, THP_OPT_NEVER);
    EXPECT_STREQ(o.bad, "mmu=sv57");
    parse_bootargs("clear_young_flush=yes", &o);
    EXPECT_FALSE(o.clear_young_flush);
    EXPECT_STREQ(o.bad, "clear_young_flush=yes");
}

TEST(Bootargs, RootDiskReadOnlyUnlessRw)
{
    kernel_options o;
    parse_bootargs("root=/dev/vdb init=x", &o);
    EXPECT_STREQ(o.root, "vdb");
    EXPECT_FALSE(o.root_rw);
    EXPECT_EQ(o.init_argc, 1);
    parse_bootargs("root=/dev/vda rw", &o);
    EXPECT_STREQ(o.root, "vda");
    EXPECT_TRUE(o.root_rw);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("root=vda", &o);
    EXPECT_EQ(o.root, nullptr);
    EXPECT_STREQ(o.bad, "root=vda");
}

TEST(Bootargs, Swappiness)
{
    kernel_options o;
    parse_bootargs("", &o);
    EXPECT_EQ(o.sysctl_vm_swappiness, 60u) << "Linux's default";
    parse_bootargs("sysctl.vm.swappiness=0", &o);
    EXPECT_EQ(o.sysctl_vm_swappiness, 0u);
    parse_bootargs("sysctl.vm.swappiness=200", &o);
    EXPECT_EQ(o.sysctl_vm_swappiness, 200u);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.swappiness=201", &o);
    EXPECT_STREQ(o.bad, "sysctl.vm.swappiness=201");
}

TEST(Bootargs, PageCluster)
{
    kernel_options o;
    parse_bootargs("", &o);
    EXPECT_EQ(o.sysctl_vm_page_cluster, 3u) << "Linux's default";
    parse_bootargs("sysctl.vm.page-cluster=0", &o);
    EXPECT_EQ(o.sysctl_vm_page_cluster, 0u);
    parse_bootargs("sysctl.vm.page-cluster=31", &o);
    EXPECT_EQ(o.sysctl_vm_page_cluster, 31u);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.page-cluster=32", &o);
    EXPECT_STREQ(o.bad, "sysctl.vm.page-cluster=32");
}

TEST(Bootargs, SwapDiskPath)
{
    kernel_options o;
    parse_bootargs("root=/dev/vda swap=/dev/vdb", &o);
    EXPECT_STREQ(o.swap, "/dev/vdb");
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("root=/dev/vda", &o);
    EXPECT_EQ(o.swap, nullptr);
    parse_bootargs("swap=", &o);
    EXPECT_EQ(o.swap, nullptr);
    EXPECT_STREQ(o.bad, "swap=");
}

TEST(Bootargs, SysctlVmDirtyTunables)
{
    kernel_options o;
    parse_bootargs("sysctl.vm.dirty_ratio=4 sysctl.vm.dirty_expire_centisecs=100", &o);
    EXPECT_EQ(o.sysctl_vm_dirty[0], -1);  // dirty_background_ratio: not given
    EXPECT_EQ(o.sysctl_vm_dirty[1], 4);
    EXPECT_EQ(o.sysctl_vm_dirty[2], -1);
    EXPECT_EQ(o.sysctl_vm_dirty[3], 100);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.dirty_background_ratio=2 sysctl.vm.dirty_writeback_centisecs=0", &o);
    EXPECT_EQ(o.sysctl_vm_dirty[0], 2);
    EXPECT_EQ(o.sysctl_vm_dirty[2], 0);
    EXPECT_EQ(o.sysctl_vm_dirty[1], -1);  // each parse starts from the defaults
    parse_bootargs("sysctl.vm.dirty_ratio=x", &o);
    EXPECT_STREQ(o.bad, "sysctl.vm.dirty_ratio=x");
    parse_bootargs("sysctl.vm.min_free_kbytes=2048", &o);
    EXPECT_EQ(o.sysctl_vm_min_free_kbytes, 2048);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.min_free_kbytes=0", &o);
    EXPECT_STREQ(o.bad, "sysctl.vm.min_free_kbytes=0");
    parse_bootargs("sysctl.vm.vfs_cache_pressure=100", &o);  // a knob this kernel lacks
    EXPECT_STREQ(o.bad, "sysctl.vm.vfs_cache_pressure=100");
    EXPECT_EQ(o.sysctl_vm_overcommit_memory, 0u);
    EXPECT_EQ(o.sysctl_vm_overcommit_ratio, 50u);
    parse_bootargs("sysctl.vm.overcommit_memory=2 sysctl.vm.overcommit_ratio=80", &o);
    EXPECT_EQ(o.sysctl_vm_overcommit_memory, 2u);
    EXPECT_EQ(o.sysctl_vm_overcommit_ratio, 80u);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.overcommit_memory=3", &o);
    EXPECT_EQ(o.sysctl_vm_overcommit_memory, 0u);
    EXPECT_STREQ(o.bad, "sysctl.vm.overcommit_memory=3");
    EXPECT_EQ(o.sysctl_vm_zone_reclaim_mode, 0u);
    parse_bootargs("sysctl.vm.zone_reclaim_mode=3", &o);
    EXPECT_EQ(o.sysctl_vm_zone_reclaim_mode, 3u);
    EXPECT_EQ(o.bad, nullptr);
    parse_bootargs("sysctl.vm.zone_reclaim_mode=8", &o);
    EXPECT_EQ(o.sysctl_vm_zone_reclaim_mode, 0u);
    EXPECT_STREQ(o.bad, "sysctl.vm.zone_reclaim_mode=8");
}

TEST(Bootargs, RebaseMovesEveryPointer)
{
    kernel_options o;
    parse_bootargs("init=a b ktest=c root=/dev/vda", &o);
    const char* init = o.init;
    kernel_options_rebase(&o, 16);
    kernel_options_rebase(&o, -16);
    EXPECT_EQ(o.init, init);
    EXPECT_STREQ(o.init_argv[1], "b");
    EXPECT_STREQ(o.ktest, "c");
    EXPECT_STREQ(o.root, "vda");
}

}  // namespace
