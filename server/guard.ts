// Every request handler runs through a guard: a request the client already cancelled is
// answered as cancelled, a failure is logged and answered with the handler's fallback, so an
// exception never takes the server down, and no answer is larger than the server sends at
// once — a list is cut to the entries that fit (and the cut is logged), anything else that
// would be larger is refused with a message saying so.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { renderMessage, type Lang } from '../core/analysis/messages';
import { MAX_MESSAGE_BYTES } from './diagnostics';

export type Guard = <P, R>(
  name: string,
  fallback: R,
  run: (params: P, token?: CancellationToken) => R | Promise<R>,
) => (params: P, token?: CancellationToken) => R | Promise<R>;

export function guardWith(log: (message: string) => void, lang: () => Lang): Guard {
  return (name, fallback, run) => (params, token) => {
    if (token?.isCancellationRequested) throw cancelled();
    const failed = (error: unknown) => {
      if (error instanceof ResponseError) throw error;
      log(`tariff: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    };
    const bounded = <T>(value: T) => withinBound(value, { name, log, lang: lang() });
    try {
      const result = run(params, token);
      return result instanceof Promise ? result.then(bounded, failed) : bounded(result);
    } catch (error) {
      return failed(error);
    }
  };
}

/** The answer to a request the client cancelled. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

/** An answer as it is sent: within MAX_MESSAGE_BYTES of JSON. */
export function withinBound<R>(result: R, context: { name: string; log: (message: string) => void; lang: Lang; maxBytes?: number }): R {
  const maxBytes = context.maxBytes ?? MAX_MESSAGE_BYTES;
  if (result === null || typeof result !== 'object') return result;
  // Room for the response's envelope.
  const room = maxBytes - 4096;
  if (Array.isArray(result)) {
    // Entry by entry, so that an answer of any length is measured without one huge string.
    let bytes = 2;
    let fit = 0;
    for (const entry of result) {
      bytes += jsonBytes(entry) + 1;
      if (bytes > room) break;
      fit++;
    }
    if (fit === result.length) return result;
    context.log(`tariff: ${context.name}: the answer has ${result.length} entries; the first ${fit} fit in ${maxBytes} bytes and are sent`);
    return result.slice(0, fit) as R;
  }
  const bytes = jsonBytes(result);
  if (bytes <= room) return result;
  throw new ResponseError(
    LSPErrorCodes.RequestFailed,
    renderMessage(
      { id: 'server.answer-too-large', args: { size: `${(bytes / 1024 / 1024).toFixed(1)} MB`, limit: `${maxBytes / 1024 / 1024} MB` } },
      context.lang,
    ),
  );
}

/** UTF-8 bytes of a value's JSON; infinite when it is too large to be written as one string. */
function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? 'null');
  } catch {
    return Infinity;
  }
}
