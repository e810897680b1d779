// `tariff clauses [--rules DIR] [--format text|json] [--lang ja|en]`: clause coverage per
// revision and scheme with an official text — for every 区分 the rules cite, how many of its
// clauses a rule encodes, how many are waived (and why), and which are neither — ending with
// one line an analyst or a CI script reads: `coverage: N of M clauses cited or waived (P%)`.
import { visibleLines } from '../core/analysis/display-text';
import { clauseCoverage, type Coverage } from '../core/analysis/law/coverage';
import { statedExclusions, type StatedExclusion } from '../core/analysis/law/unencoded-exclusions';
import { renderMessage, type Lang } from '../core/analysis/messages';
import type { MessageRef } from '../core/analysis/types';
import { chooseFormat, cliLang, EXIT, type CliIo } from './io';
import { displayPath } from './located';
import { rulesWorkspace } from './report-workspace';
import type { ParsedArgs } from './run';

export async function clausesCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const lang = cliLang(args.values.lang as string | undefined, io.env);
  const format = chooseFormat(args.values.format, ['text', 'json'] as const, io, lang);
  if (!format) return EXIT.usage;
  const ws = rulesWorkspace(args, io, lang);
  if (!ws) return EXIT.usage;
  const coverage = clauseCoverage(ws);
  const exclusions = statedExclusions(ws);
  if (format === 'json')
    io.stdout(
      `${JSON.stringify({ coverage: coverage.map((c) => ({ ...coverageJson(c, io), exclusions: exclusionsJson(exclusions.filter((e) => e.revision === c.revision && e.scheme === c.scheme)) })) }, null, 2)}\n`,
    );
  else io.stdout(visibleLines(coverageLines(coverage, exclusions, lang)));
  return EXIT.ok;
}

function coverageJson(coverage: Coverage, io: CliIo) {
  return {
    revision: coverage.revision,
    scheme: coverage.scheme,
    sections: coverage.sections.map((s) => ({
      section: s.section,
      name: s.name,
      clauses: s.clauses.map((c) => ({
        clause: c.clause,
        status: c.status,
        citedBy: c.citedBy.map((item) => item.id),
        ...(c.waiver ? { waiver: { reason: c.waiver.reason ?? '', file: displayPath(c.waiver.loc.file, io.cwd) } } : {}),
      })),
    })),
    ...totals(coverage),
  };
}

/** The exclusion sentences of the cited 区分: the rules on each side, whether a relation encodes it, and the named 区分 the rule set lacks. */
function exclusionsJson(exclusions: readonly StatedExclusion[]) {
  return exclusions.map((e) => ({
    clause: e.sentence.passage.clause,
    sentence: e.sentence.sentence.text,
    named: e.named.clause,
    direction: e.sentence.direction,
    status: e.status,
    own: e.own.map((i) => i.id),
    other: e.other.map((i) => i.id),
  }));
}

function coverageLines(coverages: readonly Coverage[], exclusions: readonly StatedExclusion[], lang: Lang): string[] {
  const t = (id: string, args?: MessageRef['args']) => renderMessage({ id, args }, lang);
  const lines: string[] = [];
  let [covered, total] = [0, 0];
  for (const coverage of coverages) {
    lines.push(t('clauses.revision', { revision: coverage.revision, scheme: { terms: [`scheme.${coverage.scheme}`] } }));
    for (const section of coverage.sections) {
      const count = (status: string) => section.clauses.filter((c) => c.status === status).length;
      lines.push(
        `  ${t('clauses.section', { section: section.section, name: section.name, total: section.clauses.length, cited: count('cited'), waived: count('waived'), uncovered: count('uncovered') })}`,
      );
      const uncovered = section.clauses.filter((c) => c.status === 'uncovered').map((c) => c.clause);
      if (uncovered.length > 0) lines.push(`    ${t('clauses.uncovered', { clauses: { list: uncovered, more: 0 } })}`);
    }
    const stated = exclusions.filter((e) => e.revision === coverage.revision && e.scheme === coverage.scheme);
    const count = (status: StatedExclusion['status']) => stated.filter((e) => e.status === status).length;
    const outside = [...new Set(stated.filter((e) => e.status === 'outside').map((e) => e.named.clause))].sort();
    lines.push(
      `  ${t('clauses.exclusions', { found: stated.length, encoded: count('encoded'), unencoded: count('unencoded'), outside: count('outside'), unplaced: count('unplaced') })}`,
    );
    if (outside.length > 0) lines.push(`    ${t('clauses.outside', { clauses: { list: outside, more: 0 } })}`);
    const sum = totals(coverage);
    lines.push(`  ${t('clauses.total', { covered: sum.covered, total: sum.total, percent: percent(sum.covered, sum.total) })}`, '');
    covered += sum.covered;
    total += sum.total;
  }
  if (coverages.length === 0) lines.push(t('clauses.none'));
  lines.push(t('clauses.coverage', { covered, total, percent: percent(covered, total) }));
  return lines;
}

function totals(coverage: Coverage): { covered: number; total: number } {
  const clauses = coverage.sections.flatMap((s) => s.clauses);
  return { covered: clauses.filter((c) => c.status !== 'uncovered').length, total: clauses.length };
}

/** A percentage rounded down, so that 99.9% is not shown as 100%. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part * 100) / whole);
}
