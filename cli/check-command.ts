// `tariff check [PATH…] [--format text|json|sarif] [--lang ja|en]`: every diagnostic of the
// given files or folders (default rules/), computed over each one's whole workspace.
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { analyze, type AnalysisResult } from '../core/analysis/analyze';
import { fileKindOf } from '../core/analysis/file-kind';
import { renderMessage, type Lang } from '../core/analysis/messages';
import type { Finding } from '../core/analysis/types';
import { formatJson, countBySeverity } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { cliLang, EXIT, say, VERSION, type CliIo } from './io';
import { locateFindings } from './located';
import type { ParsedArgs } from './run';
import { isDirectory, readSources, ruleFilesUnder, workspaceRootOf } from '../core/workspace-files';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export async function checkCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const format = (args.values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    say(io, lang, 'cli.bad-value', { option: '--format', value: String(format), allowed: FORMATS.join(', ') });
    return EXIT.usage;
  }
  const targets = (args.positionals.length > 0 ? args.positionals : ['rules/']).map((p) => resolve(io.cwd, p));
  for (const target of targets) {
    if (!existsSync(target)) {
      say(io, lang, 'cli.no-such-path', { path: target });
      return EXIT.usage;
    }
    if (!isDirectory(target) && !fileKindOf(target)) {
      say(io, lang, 'cli.not-a-rule-file', { path: target });
      return EXIT.usage;
    }
  }
  const runs = analyzeWorkspaces(targets, io, lang);
  const findings = runs.flatMap((run) => run.findings);
  const texts = new Map(runs.flatMap((run) => run.result.workspace.files.map((f) => [f.file, f.text] as const)));
  const located = locateFindings(findings, texts, io.cwd, lang);
  if (format === 'json') io.stdout(formatJson(located));
  else if (format === 'sarif') io.stdout(formatSarif(located, VERSION, (code) => renderMessage({ id: `code.${code}` }, lang)));
  else {
    io.stdout(formatText(located));
    io.stdout(`${summaryLine(runs.map((run) => run.result), countBySeverity(located), lang)}\n`);
  }
  return located.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
}

interface WorkspaceRun {
  result: AnalysisResult;
  findings: Finding[];
}

/** Groups the targets by workspace, analyses each workspace once, keeps the targets' findings. */
function analyzeWorkspaces(targets: readonly string[], io: CliIo, lang: Lang): WorkspaceRun[] {
  const groups = new Map<string, string[]>();
  for (const target of targets) {
    let root = workspaceRootOf(target);
    if (root === undefined) {
      root = isDirectory(target) ? target : dirname(target);
      say(io, lang, 'cli.no-facts', { path: root });
    }
    groups.set(root, [...(groups.get(root) ?? []), target]);
  }
  return [...groups].map(([root, members]) => {
    const files = new Set(ruleFilesUnder(root));
    for (const member of members) if (!isDirectory(member)) files.add(member);
    const result = analyze(readSources([...files].sort()), {
      onInternalError: (check, error) => say(io, lang, 'cli.internal-error', { check, detail: error instanceof Error ? error.message : String(error) }),
    });
    const inTargets = (file: string) => members.some((m) => file === m || file.startsWith(m.endsWith(sep) ? m : m + sep));
    return { result, findings: result.findings.filter((f) => inTargets(f.file)) };
  });
}

function summaryLine(results: readonly AnalysisResult[], counts: Record<string, number>, lang: Lang): string {
  const stats = { files: 0, items: 0, facts: 0, scenarios: 0, medical: 0, care: 0, nursing: 0 };
  for (const { workspace } of results) {
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
  return `${workspaceLine}\n${findingsLine}`;
}
