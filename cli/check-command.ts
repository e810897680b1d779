// `tariff check [PATH…] [--format text|json|sarif] [--verbose] [--lang ja|en]`: the diagnostics
// of the given files or folders (default rules/), computed over each one's whole workspace;
// in text, hints and information are counted on the summary line unless `--verbose`.
import type { AnalysisResult } from '../core/analysis/analyze';
import { logicContext } from '../core/analysis/logic/context';
import { visibleLines } from '../core/analysis/display-text';
import { renderMessage, type Lang } from '../core/analysis/messages';
import { formatJson, countBySeverity } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { chooseFormat, cliLang, EXIT, VERSION, type CliIo } from './io';
import { locateFindings } from './located';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

export async function checkCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const format = chooseFormat(args.values.format, ['text', 'json', 'sarif'] as const, io, lang);
  if (!format) return EXIT.usage;
  const targets = resolveTargets(args.positionals, io, lang);
  if (!targets) return EXIT.usage;
  const runs = analyzeWorkspaces(targets, io, lang);
  const findings = runs.flatMap((run) => run.findings);
  const texts = new Map(runs.flatMap((run) => run.result.workspace.files.map((f) => [f.file, f.text] as const)));
  const located = locateFindings(findings, texts, io.cwd, lang);
  if (format === 'json') io.stdout(formatJson(located));
  else if (format === 'sarif') io.stdout(formatSarif(located, VERSION, (code) => renderMessage({ id: `code.${code}` }, lang)));
  else {
    // Hints and information (declared relations where both items can apply, gaps in time) are
    // counted on the summary line; `--verbose` lists them.
    const verbose = args.values.verbose === true;
    const shown = verbose ? located : located.filter((f) => f.severity === 'error' || f.severity === 'warning');
    io.stdout(formatText(shown));
    io.stdout(
      visibleLines(
        summaryLines(
          runs.map((run) => run.result),
          countBySeverity(located),
          lang,
          located.length - shown.length,
        ),
      ),
    );
  }
  return located.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
}

function summaryLines(results: readonly AnalysisResult[], counts: Record<string, number>, lang: Lang, hidden: number): string[] {
  const stats = { files: 0, items: 0, facts: 0, scenarios: 0, medical: 0, care: 0, nursing: 0, relations: 0 };
  for (const { workspace } of results) {
    stats.relations += logicContext(workspace)
      .relations()
      .reduce((n, group) => n + group.relations.length, 0);
    stats.files += workspace.files.length;
    stats.facts += workspace.facts.size;
    stats.scenarios += workspace.scenarios.length;
    for (const item of workspace.items) {
      if (item.owner) continue;
      stats.items++;
      if (item.tariff.scheme) stats[item.tariff.scheme]++;
    }
  }
  const workspaceLine = renderMessage({ id: 'cli.summary.workspace', args: stats }, lang);
  const findingsLine = renderMessage({ id: 'cli.summary.findings', args: counts }, lang);
  return [
    workspaceLine,
    hidden > 0 ? renderMessage({ id: 'cli.summary.findings-hidden', args: { ...counts, hidden } }, lang) : findingsLine,
  ];
}
