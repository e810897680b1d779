// `tariff serve [--rules DIR] [--host H] [--port N] [--max-body BYTES] [--max-batch N]`:
// compiles the rules (refusing them while they have errors) and serves the rules core over
// HTTP on 127.0.0.1 by default, until it is stopped (Ctrl+C or SIGTERM). The first line on
// stdout says where it listens, for scripts that start it on a free port (--port 0).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderMessage } from '../core/analysis/messages';
import { compileInMemory, loadRevisions, rulesWithoutErrors } from './compiled-rules';
import { serviceHandler } from './http-service';
import { cliLang, EXIT, integerOption, say, type CliIo } from './io';
import type { ParsedArgs } from './run';

/** The limits a request is held to unless --max-body and --max-batch say otherwise. */
const SERVE_DEFAULTS = { host: '127.0.0.1', port: 8080, body: 16 * 1024 * 1024, batch: 10_000 } as const;

/** Episodes in a batch with explain=true: explaining one can take up to about a second (the why-not search's bound). */
const EXPLAINED_BATCH = 10;

export async function serveCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  if (args.positionals.length > 0) {
    say(io, lang, 'cli.serve-usage');
    return EXIT.usage;
  }
  const port = integerOption(args, 'port', { min: 0, max: 65_535, default: SERVE_DEFAULTS.port }, io, lang);
  const body = integerOption(args, 'max-body', { min: 1, max: 2 ** 30, default: SERVE_DEFAULTS.body }, io, lang);
  const batch = integerOption(args, 'max-batch', { min: 1, max: 1_000_000, default: SERVE_DEFAULTS.batch }, io, lang);
  if (port === undefined || body === undefined || batch === undefined) return EXIT.usage;
  const host = String(args.values.host ?? SERVE_DEFAULTS.host);
  const workspace = rulesWithoutErrors(args.values.rules, io, lang, 'serve');
  if (typeof workspace === 'number') return workspace;
  const revisions = loadRevisions(await compileInMemory(workspace));
  if (Object.keys(revisions).length === 0) {
    say(io, lang, 'cli.serve-nothing');
    return EXIT.failed;
  }
  const server = createServer(
    { keepAliveTimeout: 5_000, requestTimeout: 60_000 },
    serviceHandler({ revisions, limits: { body, batch, explained: Math.min(batch, EXPLAINED_BATCH) }, log: io.stderr }),
  );
  const listening = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen(port, host, () => resolve(undefined));
  });
  if (listening) {
    say(io, lang, listening.code === 'EADDRINUSE' ? 'cli.serve-in-use' : 'cli.serve-cannot-listen', {
      host,
      port,
      detail: listening.message,
    });
    return EXIT.failed;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  io.stdout(`${renderMessage({ id: 'cli.serve-listening', args: { url, revisions: Object.keys(revisions).join(', ') } }, lang)}\n`);
  if (!isLoopback(address.address)) say(io, lang, 'cli.serve-exposed', { host });
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // Requests under way are answered; idle connections are closed at once.
      server.close(() => {
        say(io, lang, 'cli.serve-stopped');
        resolve(EXIT.ok);
      });
      server.closeIdleConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';
}
