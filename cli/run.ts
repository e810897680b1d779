// Dispatches `tariff <command>`: parses arguments, prints help, and maps usage mistakes to
// exit status 2 with a clear message in the user's language.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { renderMessage } from '../core/analysis/messages';
import { checkCommand } from './check-command';
import { compileCommand } from './compile-command';
import { clausesCommand } from './clauses-command';
import { diffCommand } from './diff-command';
import { evalCommand } from './eval-command';
import { reportCommand } from './report-command';
import { serveCommand } from './serve-command';
import { testCommand } from './test-command';
import { cliLang, EXIT, say, VERSION, type CliIo } from './io';

interface Command {
  run: (args: ParsedArgs, io: CliIo) => Promise<number>;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

const COMMON = { lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

const COMMANDS: Record<string, Command> = {
  check: { run: checkCommand, options: { ...COMMON, format: { type: 'string' }, verbose: { type: 'boolean' } }, help: 'cli.help.check' },
  test: {
    run: testCommand,
    options: { ...COMMON, coverage: { type: 'boolean' }, mutate: { type: 'boolean' }, min: { type: 'string' }, format: { type: 'string' } },
    help: 'cli.help.test',
  },
  eval: {
    run: evalCommand,
    options: {
      ...COMMON,
      format: { type: 'string' },
      batch: { type: 'string' },
      out: { type: 'string' },
      rules: { type: 'string' },
      workers: { type: 'string' },
      explain: { type: 'boolean' },
    },
    help: 'cli.help.eval',
  },
  compile: {
    run: compileCommand,
    options: {
      ...COMMON,
      rules: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
      package: { type: 'string' },
      'package-version': { type: 'string' },
    },
    help: 'cli.help.compile',
  },
  diff: { run: diffCommand, options: { ...COMMON, rules: { type: 'string' }, format: { type: 'string' } }, help: 'cli.help.diff' },
  clauses: { run: clausesCommand, options: { ...COMMON, rules: { type: 'string' }, format: { type: 'string' } }, help: 'cli.help.clauses' },
  serve: {
    run: serveCommand,
    options: {
      ...COMMON,
      rules: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'max-body': { type: 'string' },
      'max-batch': { type: 'string' },
    },
    help: 'cli.help.serve',
  },
  report: { run: reportCommand, options: { ...COMMON, rules: { type: 'string' }, out: { type: 'string' } }, help: 'cli.help.report' },
};

/** Runs the CLI and resolves to its exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const langFlag = findLangFlag(argv);
  const lang = cliLang(langFlag, io.env);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${renderMessage({ id: 'cli.help' }, lang)}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    say(io, lang, 'cli.unknown-command', { command: name });
    return EXIT.usage;
  }
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    say(io, lang, 'cli.bad-option', { command: name, detail: error instanceof Error ? error.message : String(error) });
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.stdout(`${renderMessage({ id: command.help }, lang)}\n`);
    return EXIT.ok;
  }
  if (parsed.values.lang !== undefined && parsed.values.lang !== 'ja' && parsed.values.lang !== 'en') {
    say(io, lang, 'cli.bad-value', { option: '--lang', value: String(parsed.values.lang), allowed: 'ja, en' });
    return EXIT.usage;
  }
  return command.run(parsed, io);
}

function findLangFlag(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}
