// What a CLI command may touch of its environment, passed in so tests can run the real
// command in-process with their own folders and output.
import { visibleLines } from '../core/analysis/display-text';
import { langOf, renderMessage, type Lang } from '../core/analysis/messages';
import type { MessageRef } from '../core/analysis/types';

export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

declare const __VERSION__: string | undefined;
/** The package version, set at build time. */
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/** Exit statuses of cli.md. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The language of output: `--lang`, else LC_ALL, LC_MESSAGES, LANG. */
export function cliLang(flag: string | undefined, env: CliIo['env']): Lang {
  if (flag === 'ja' || flag === 'en') return flag;
  return langOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** Prints a localized line to stderr (what it quotes from rule files shows its control characters as escapes). */
export function say(io: CliIo, lang: Lang, id: string, args?: MessageRef['args']): void {
  io.stderr(visibleLines([renderMessage({ id, args }, lang)]));
}

/** The `--format` value among the allowed ones (the first is the default); undefined after saying why not. */
export function chooseFormat<F extends string>(value: unknown, allowed: readonly F[], io: CliIo, lang: Lang): F | undefined {
  const format = (value ?? allowed[0]) as F;
  if (allowed.includes(format)) return format;
  say(io, lang, 'cli.bad-value', { option: '--format', value: String(value), allowed: allowed.join(', ') });
  return undefined;
}

/** A whole-number option within its bounds (its default when not given); undefined after saying why not. */
export function integerOption(
  args: { values: Record<string, string | boolean | undefined> },
  name: string,
  bounds: { min: number; max: number; default: number },
  io: CliIo,
  lang: Lang,
): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return bounds.default;
  const value = Number(raw);
  if (/^\d+$/.test(String(raw)) && value >= bounds.min && value <= bounds.max) return value;
  say(io, lang, 'cli.bad-value', { option: `--${name}`, value: String(raw), allowed: `${bounds.min}–${bounds.max}` });
  return undefined;
}
