#ifndef SANZI_MALLOC_H
#define SANZI_MALLOC_H

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>

/// Caps glibc's malloc arenas at `count`. By default each thread that allocates gets an arena
/// of its own (up to eight a core), and what one thread frees waits in its arena while another
/// thread's grows.
static inline void sanzi_limit_malloc_arenas(int count) {
#ifdef M_ARENA_MAX
    mallopt(M_ARENA_MAX, count);
#endif
}

/// Serves every block of at least `bytes` with a mapping of its own, returned to the system
/// when freed. By default glibc raises this threshold each time such a block is freed (up to
/// 32 MiB), after which the arrays a run grows by doubling come from the heap, and the room
/// their old copies leave stays resident.
static inline void sanzi_map_large_blocks(int bytes) {
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, bytes);
#endif
}

/// Gives the system back the free memory of every arena (glibc keeps what a thread freed in
/// its arena, and the top of the main one, for the next allocations).
static inline void sanzi_release_free_memory(void) { malloc_trim(0); }
#else
/// Other C libraries size their arenas themselves: nothing to do.
static inline void sanzi_limit_malloc_arenas(int count) { (void)count; }
static inline void sanzi_map_large_blocks(int bytes) { (void)bytes; }
static inline void sanzi_release_free_memory(void) {}
#endif

#endif
