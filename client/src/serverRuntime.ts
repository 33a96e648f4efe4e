/**
 * How the extension runs the language server's Node.js: one list, used by the client and by the
 * benchmark (bench/run.ts), so the benchmark measures the server as users get it.
 *
 * `--expose-gc`: the server frees a large plan's memory right after it closes (see server.ts).
 *
 * Not `--max-semi-space-size`: a larger young generation opens a 10,000-measure plan about a third
 * faster (fewer scavenges while its tree is built), but V8 keeps the grown young generation resident,
 * so the server's memory after closing 100 plans was 1.5× (32 MiB) and 2.2× (64 MiB) what it was after
 * the first, against 1.2× at most (measured with `npm run bench`, 2026-11-29).
 */
export const serverExecArgv: readonly string[] = ['--expose-gc'];
