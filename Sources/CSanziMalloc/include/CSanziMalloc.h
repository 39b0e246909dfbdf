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
#else
/// Other C libraries size their arenas themselves: nothing to do.
static inline void sanzi_limit_malloc_arenas(int count) { (void)count; }
#endif

#endif
