// How the language server's process is started (the client forks it; the bench spawns it the same
// way). Its live heap after 1,000 edits is ~11 MB, but node's defaults let the young generation grow
// to 2 × 16 MB, the old generation grow to up to 4 × what the last full GC left, and glibc keep an
// arena per thread. On the many-CTE probe (1,000 edits, bench/README.md): the semi-space cap and one
// malloc arena took RSS from ~154 MB to ~120 MB for ~5% CPU per edit, within the noise; a growing
// factor of 3 (`--heap-growing-percent=200`) from ~109 MB to ~99 MB with no measurable CPU cost
// (2.5 and 2 went lower still but cost 15–25% of the main thread's CPU). A capped old generation
// costs ~25% CPU per edit and would make a large schema an out-of-memory crash.

/**
 * `--code-cache-dir=<folder>`: where the server keeps its V8 code cache (server/src/codeCache.ts),
 * the extension's global storage. Without it the server reads and writes no cache.
 */
export const CODE_CACHE_ARG = '--code-cache-dir';

export interface ServerProcess {
  execArgv: string[];
  env: Record<string, string>;
  /** After the script's path. */
  args: string[];
}

/** `storageDir`: a folder of the extension's own, for the code cache; none, no cache. */
export function serverProcess(storageDir: string | undefined): ServerProcess {
  return {
    execArgv: ['--max-semi-space-size=4', '--heap-growing-percent=200'],
    // Read by glibc when the process starts; other C libraries ignore it.
    env: { MALLOC_ARENA_MAX: '1' },
    args: storageDir ? [`${CODE_CACHE_ARG}=${storageDir}`] : [],
  };
}
