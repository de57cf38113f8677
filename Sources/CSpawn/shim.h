#ifndef VEILLEUR_CSPAWN_SHIM_H
#define VEILLEUR_CSPAWN_SHIM_H
#include <errno.h>
#include <features.h>
#include <fcntl.h>
#include <spawn.h>

/* pipe2 is declared only under _GNU_SOURCE too; glibc has it since 2.9. Both ends close on exec, atomically,
   so that no other child started meanwhile inherits them. */
extern int pipe2(int fds[2], int flags);
static inline int veilleur_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

/* glibc declares posix_spawn_file_actions_addclosefrom_np only under _DEFAULT_SOURCE, which the Swift Glibc
   module is built without; it exists from glibc 2.34. Older systems get ENOSYS and the caller says so. */
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int lowest);
static inline int veilleur_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
#else
static inline int veilleur_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    (void)actions;
    (void)lowest;
    return ENOSYS;
}
#endif

#endif
