// Every request handler runs through a guard: a request the client already cancelled is
// answered as cancelled, and a failure is logged and answered with the handler's fallback,
// so an exception never takes the server down.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Guard = <P, R>(name: string, fallback: R, run: (params: P) => R) => (params: P, token?: CancellationToken) => R;

export function guardWith(log: (message: string) => void): Guard {
  return (name, fallback, run) => (params, token) => {
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    try {
      return run(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`tariff: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  };
}
