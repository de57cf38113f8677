#ifndef VEILLEUR_CMALLOC_SHIM_H
#define VEILLEUR_CMALLOC_SHIM_H
#include <malloc.h>

/* mallopt and M_ARENA_MAX come from <malloc.h>, which the Swift Glibc module does not include. */
static inline int veilleur_limit_malloc_arenas(int arenas) {
#ifdef M_ARENA_MAX
    return mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
    return 0;
#endif
}

/* malloc_trim is a glibc extension, declared in <malloc.h> too. */
static inline void veilleur_trim_heap(void) {
    malloc_trim(0);
}

#endif
