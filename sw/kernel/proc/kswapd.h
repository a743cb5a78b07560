// Starting reclaim on the guest (proc/kswapd.cpp): the kswapd threads and the page allocator's
// reclaim hooks.
#pragma once

// Starts kswapd0 .. kswapdN-1 and hooks kswapd wakeups and direct reclaim into the page
// allocator (Linux kswapd_init). Called once the page cache can hold pages (a root file system).
void kswapd_init();
