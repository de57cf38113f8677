#ifndef VEILLEUR_CSQLITE_SHIM_H
#define VEILLEUR_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: it tells SQLite to copy bound text. */
static inline sqlite3_destructor_type veilleur_sqlite_transient(void) { return SQLITE_TRANSIENT; }

/* sqlite3_config is variadic, which Swift cannot call. Memory statistics cost a global mutex on every
   allocation; they must be turned off before SQLite initialises, or the call returns SQLITE_MISUSE. */
static inline int veilleur_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#endif
