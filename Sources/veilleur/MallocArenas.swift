import CMalloc
import Foundation

/// Caps glibc's malloc arenas at two before any work starts.
///
/// glibc gives each thread that finds an arena busy an arena of its own, up to eight per core, and every
/// arena keeps the memory freed into it. A crawl's threads allocate and free large transient buffers
/// (bodies, parsed items, matches), so each arena ends up holding its own high-water mark: two arenas cut
/// a cold crawl's peak RSS by a few megabytes at no measurable cost in CPU. An operator's own
/// `MALLOC_ARENA_MAX` wins.
enum MallocArenas {
    static func limit() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        _ = veilleur_limit_malloc_arenas(2)
    }
}
