// A real LSP client for tests: spawns dist/server.js --stdio and speaks JSON-RPC to it with
// vscode-languageserver-protocol, collecting published diagnostics per URI.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  type LogMessageParams,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Every window/logMessage the server sent (internal failures are logged there). */
  logs: string[];
  /** The URI of every diagnostics notification so far, in order. */
  published: string[];
  /** The size in bytes of the largest message the server sent so far. */
  largestMessage(): number;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (list: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

export async function startServer(options: {
  rootUri: string;
  locale?: string;
  initializationOptions?: unknown;
  capabilities?: ClientCapabilities;
  nodeOptions?: string[];
}): Promise<LspSession> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), resolve(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // The raw stream is watched for each message's Content-Length (ASCII headers) to know the largest.
  let largest = 0;
  let tail = '';
  const raw = new PassThrough();
  child.stdout!.on('data', (chunk: Buffer) => {
    tail += chunk.toString('latin1');
    for (const match of tail.matchAll(/Content-Length: (\d+)/g)) largest = Math.max(largest, Number(match[1]));
    tail = tail.slice(-40);
  });
  child.stdout!.pipe(raw);
  const connection = createProtocolConnection(new StreamMessageReader(raw), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, Diagnostic[]>();
  const waiters: { uri: string; accept: (list: Diagnostic[]) => boolean; resolve: (list: Diagnostic[]) => void }[] = [];
  const published: string[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params.uri);
    latest.set(params.uri, params.diagnostics);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  const logs: string[] = [];
  connection.onNotification(LogMessageNotification.method, (params: LogMessageParams) => {
    logs.push(params.message);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.rootUri,
    workspaceFolders: [{ uri: options.rootUri, name: 'rules' }],
    capabilities: options.capabilities ?? {},
    locale: options.locale ?? 'en',
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    logs,
    published,
    largestMessage: () => largest,
    diagnostics: (uri, accept = () => true) =>
      new Promise((done) => {
        const known = latest.get(uri);
        if (known && accept(known)) done(known);
        else waiters.push({ uri, accept, resolve: done });
      }),
    close: async () => {
      // The protocol's own ending (shutdown, exit), so that the server exits as a client ends it; killed if it does not.
      const exited = new Promise((done) => (child.exitCode !== null ? done(undefined) : child.once('exit', done)));
      const ended = connection.sendRequest('shutdown').then(() => connection.sendNotification('exit'));
      await Promise.race([ended.then(() => exited), new Promise((done) => setTimeout(done, 3000))]).catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
}
