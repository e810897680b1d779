// `tariff report [--rules DIR] [--out DIR] [--lang ja|en]`: writes the analyst report, one
// static HTML page (DIR/index.html, default report/) with the rules of every revision per
// scheme, the exclusion matrices and the diffs of each revision against those it supersedes.
import { join, resolve } from 'node:path';
import { analystReport, REPORT_HEADER } from '../core/revisions/report-html';
import { EXIT, say, type CliIo } from './io';
import { displayPath } from './located';
import { planOutput, sayOutputProblems, writeOutput } from './output-files';
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
  // Only a page this command wrote (it starts with the report's header) is ever replaced.
  const plan = planOutput({ dir: out, marker: REPORT_HEADER, files: new Map([['index.html', analystReport(ws, lang)]]) });
  const problems = plan.problems.length > 0 ? plan.problems : writeOutput(plan);
  if (problems.length > 0) return sayOutputProblems(problems, { io, lang, command: 'report' });
  say(io, lang, 'cli.report-done', { file: displayPath(join(out, 'index.html'), io.cwd) });
  return EXIT.ok;
}
