// `tariff report [--rules DIR] [--out DIR] [--lang ja|en]`: writes the analyst report, one
// static HTML page (DIR/index.html, default report/) with the rules of every revision per
// scheme, the exclusion matrices and the diffs of each revision against those it supersedes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analystReport } from '../core/revisions/report-html';
import { EXIT, say, type CliIo } from './io';
import { displayPath } from './located';
import { memoLang, rulesWorkspace } from './report-workspace';
import type { ParsedArgs } from './run';

export async function reportCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = memoLang(args);
  if (args.positionals.length > 0) {
    say(io, lang, 'cli.report-usage');
    return EXIT.usage;
  }
  const ws = rulesWorkspace(args, io, lang);
  if (!ws) return EXIT.usage;
  const out = resolve(io.cwd, String(args.values.out ?? 'report'));
  mkdirSync(out, { recursive: true });
  const file = join(out, 'index.html');
  writeFileSync(file, analystReport(ws, lang));
  say(io, lang, 'cli.report-done', { file: displayPath(file, io.cwd) });
  return EXIT.ok;
}
