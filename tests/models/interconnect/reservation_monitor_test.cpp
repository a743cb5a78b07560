// LR/SC reservation sets across harts (unprivileged spec §14.2): a reservation holds until its
// hart's SC or another hart's store to the same granule; the hart's own stores keep it.
#include <gtest/gtest.h>

#include "interconnect/reservation_monitor.h"

namespace memvp {
namespace {

TEST(ReservationMonitor, HoldsTheGranuleOfTheReservedAddress) {
  ReservationMonitor m(2);
  m.reserve(0, PhysAddr(0x8000'1008));
  EXPECT_TRUE(m.holds(0, PhysAddr(0x8000'1008)));
  EXPECT_TRUE(m.holds(0, PhysAddr(0x8000'1000)));   // same 64-byte granule
  EXPECT_FALSE(m.holds(0, PhysAddr(0x8000'1040)));  // next granule
  EXPECT_FALSE(m.holds(1, PhysAddr(0x8000'1008)));  // another hart holds nothing
}

TEST(ReservationMonitor, AnotherHartsStoreBreaksTheReservation) {
  ReservationMonitor m(3);
  m.reserve(0, PhysAddr(0x8000'1000));
  m.reserve(2, PhysAddr(0x8000'2000));
  m.store(1, PhysAddr(0x8000'1038), 8);  // inside hart 0's granule
  EXPECT_FALSE(m.holds(0, PhysAddr(0x8000'1000)));
  EXPECT_TRUE(m.holds(2, PhysAddr(0x8000'2000)));   // a different granule is untouched
}

TEST(ReservationMonitor, OwnStoresAndOtherGranulesKeepIt) {
  ReservationMonitor m(2);
  m.reserve(0, PhysAddr(0x8000'1000));
  m.store(0, PhysAddr(0x8000'1000), 8);  // the hart's own store
  m.store(1, PhysAddr(0x8000'0FF8), 8);  // the previous granule
  EXPECT_TRUE(m.holds(0, PhysAddr(0x8000'1000)));
  m.store(1, PhysAddr(0x8000'0FFC), 8);  // a store straddling into the granule
  EXPECT_FALSE(m.holds(0, PhysAddr(0x8000'1000)));
}

// A device's write (DMA) breaks every hart's reservation on the granules it touches, the
// writer's included, since no hart wrote it.
TEST(ReservationMonitor, DeviceWritesBreakEveryHartsReservation) {
  ReservationMonitor m(2);
  m.reserve(0, PhysAddr(0x8000'1000));
  m.reserve(1, PhysAddr(0x8000'2040));
  m.device_store(PhysAddr(0x8000'2000), 64);  // the granule before hart 1's
  EXPECT_TRUE(m.holds(1, PhysAddr(0x8000'2040)));
  m.device_store(PhysAddr(0x8000'1008), 8);
  EXPECT_FALSE(m.holds(0, PhysAddr(0x8000'1000)));
  EXPECT_TRUE(m.holds(1, PhysAddr(0x8000'2040)));
}

TEST(ReservationMonitor, ClearEndsOnlyThatHartsReservation) {
  ReservationMonitor m(2);
  m.reserve(0, PhysAddr(0x8000'1000));
  m.reserve(1, PhysAddr(0x8000'1000));
  m.clear(0);
  EXPECT_FALSE(m.holds(0, PhysAddr(0x8000'1000)));
  EXPECT_TRUE(m.holds(1, PhysAddr(0x8000'1000)));
  m.reserve(1, PhysAddr(0x8000'3000));  // a new LR moves the reservation
  EXPECT_FALSE(m.holds(1, PhysAddr(0x8000'1000)));
  EXPECT_TRUE(m.holds(1, PhysAddr(0x8000'3000)));
}

}  // namespace
}  // namespace memvp
