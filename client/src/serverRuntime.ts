/**
 * How the extension runs the language server's Node.js: one list, used by the client and by the
 * benchmark (bench/run.ts), so the benchmark measures the server as users get it.
 *
 * `--expose-gc`: the server frees a large plan's memory right after it closes (see server.ts).
 *
 * `--max-semi-space-size=8` (MiB; V8's default is 16 on 64-bit): a large plan's tree outlives the young
 * generation, and V8 allocates its nodes and arrays in the old generation once it has seen them live,
 * so a larger young generation only holds more to copy. With 8, a 10,000-measure plan opens faster
 * (`npm run bench`, 2026-11-29: 638–685 ms against 742 ms), and the server's memory after closing 100
 * plans is what it was after the first (1.0×, against 1.2×): V8 never shrinks a grown young generation,
 * so its size is resident for the server's life. 4 MiB opened slower (748 ms); 32 and 64 MiB opened a
 * third faster than 16 when last measured, but left 1.5× and 2.2× after closing.
 */
export const serverExecArgv: readonly string[] = ['--expose-gc', '--max-semi-space-size=8'];
