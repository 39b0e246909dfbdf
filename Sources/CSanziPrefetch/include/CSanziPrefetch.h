#ifndef SANZI_PREFETCH_H
#define SANZI_PREFETCH_H

/// Asks the processor to start loading the cache line at `address` (a hint; never faults).
static inline __attribute__((always_inline)) void sanzi_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
