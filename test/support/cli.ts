// Runs the real `tariff` CLI in-process (the same function dist/cli.js runs) and captures
// its output, so hundreds of fixture runs stay fast.
import { runCli } from '../../cli/run';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function tariff(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr };
}
