// Makes reading environment variables cheap for the rest of the process: the server and the
// CLI parse rule files faster (about a fifth less time in the yaml parser).
//
// The yaml library checks `process.env.LOG_TOKENS` once per token it parses, and Node's
// `process.env` asks the operating system on every read. A plain copy answers the same values
// from memory. Only entry points call this, once at start-up: the process never changes its
// environment afterwards, and nothing it starts needs changes made later.

/** Replaces `process.env` with a plain object holding the same variables. */
export function usePlainEnvironment(): void {
  process.env = { ...process.env };
}
