// The `tariff` command's entry point: runs the CLI on the process's arguments and exits
// with its status.
import { visibleLines } from '../core/analysis/display-text';
import { usePlainEnvironment } from '../core/plain-environment';
import { isMainThread, workerData } from 'node:worker_threads';
import { isBatchWorker, runBatchWorker } from './batch-worker';
import { runCli } from './run';

usePlainEnvironment();

// `tariff eval --batch` starts this same program as its worker threads.
if (!isMainThread && isBatchWorker(workerData)) runBatchWorker();
else
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(
        visibleLines(`tariff: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.split('\n')),
      );
      process.exitCode = 3;
    },
  );
