/* Region-of-interest markers (docs/fast-forward.md), for bare-metal and user programs alike:
 * `memvp run --fast-forward roi` runs functionally up to roi_begin() and in detail from the
 * instruction after it; with it, roi_end() ends the run. Every run records where the markers
 * fell (the statistics' sim.fast_forward.roi_markers). Each is one HINT instruction, SLTI with
 * rd = x0 (unprivileged spec §2.9, reserved for custom HINTs), so they are no-ops on any other
 * RISC-V machine (QEMU, hardware) and at any privilege level. */
#ifndef MEMVP_ROI_H
#define MEMVP_ROI_H

static inline void roi_begin(void) { __asm__ volatile("slti x0, x0, 0x101" ::: "memory"); }
static inline void roi_end(void) { __asm__ volatile("slti x0, x0, 0x102" ::: "memory"); }

#endif
