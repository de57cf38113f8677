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

#endif
