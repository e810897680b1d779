// `tariff diff OLD NEW [--rules DIR] [--format text|json|html|markdown] [--lang ja|en]`: the
// semantic difference between two revisions of the rules — items added, abolished and
// renamed, amounts, limits and exclusions changed, and situations where a changed condition
// now also or no longer applies — as a memo in Japanese (English with --lang en).
import { diffDocument, diffMarkdown, diffText } from '../core/revisions/diff-document';
import { commonSchemes, diffRevisions, schemesOf } from '../core/revisions/diff';
import { reportPage } from '../core/revisions/report-html';
import { chooseFormat, EXIT, say, type CliIo } from './io';
import { knownRevisions, memoLang, rulesWorkspace } from './report-workspace';
import type { ParsedArgs } from './run';

export async function diffCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = memoLang(args);
  const format = chooseFormat(args.values.format, ['text', 'json', 'html', 'markdown'] as const, io, lang);
  if (!format) return EXIT.usage;
  if (args.positionals.length !== 2) {
    say(io, lang, 'cli.diff-usage');
    return EXIT.usage;
  }
  const ws = rulesWorkspace(args, io, lang);
  if (!ws || !knownRevisions(ws, args.positionals, io, lang)) return EXIT.usage;
  const [old, next] = args.positionals as [string, string];
  if (commonSchemes(ws, old, next).length === 0) {
    const schemes = (revision: string) => ({ terms: schemesOf(ws, revision).map((s) => `scheme.${s}`), join: 'list' as const });
    say(io, lang, 'cli.diff-no-common-scheme', { old, new: next, oldSchemes: schemes(old), newSchemes: schemes(next) });
    return EXIT.usage;
  }
  const diff = diffRevisions(ws, { old, new: next });
  if (format === 'json') io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
  else if (format === 'html') io.stdout(reportPage(ws, { lang, views: { rules: false, matrix: false, coverage: false }, diffs: [diff] }));
  else if (format === 'markdown') io.stdout(diffMarkdown(diffDocument(diff, lang)));
  else io.stdout(diffText(diffDocument(diff, lang)));
  return EXIT.ok;
}
