// `tariff test --mutate`: after the scenarios, every mutant of the rules that no scenario
// kills, at the place of the changed part, with a suggested scenario that would kill it (to
// be confirmed against the official text), how many mutants were proven equivalent, and the
// last line `mutation score: N% (K of M killed)`.
import { renderMessage, type Lang } from '../core/analysis/messages';
import { mutationScore, suggestionText, type MutantOutcome } from '../core/analysis/mutation-testing';
import type { Workspace } from '../core/model/workspace';
import type { CliIo } from './io';
import { displayPath } from './located';
import { placer } from './test-coverage';

/** The outcome of mutation testing one workspace's rules. */
export interface MutationRun {
  ws: Workspace;
  outcomes: MutantOutcome[];
}

export function mutationLines(runs: readonly MutationRun[], io: CliIo, lang: Lang): string[] {
  const t = (id: string, args?: Record<string, string | number>) => renderMessage({ id, args }, lang);
  const lines: string[] = [];
  for (const { ws, outcomes } of runs) {
    const place = placer(ws, io);
    for (const outcome of outcomes.filter((o) => o.status === 'survived')) {
      const { mutant } = outcome;
      lines.push(`${place(mutant.loc, mutant.anchor)} ${t('mutation.survived', { mutation: renderMessage(mutant.description, lang) })}`);
      const text = suggestionText(outcome, lang);
      if (text === undefined) lines.push(`  ${t('mutation.no-suggestion')}`);
      else
        lines.push(
          `  ${t('mutation.suggestion')}`,
          ...text
            .trimEnd()
            .split('\n')
            .map((line) => `    ${line}`),
        );
    }
  }
  const all = runs.flatMap((r) => r.outcomes);
  const equivalent = all.filter((o) => o.status === 'equivalent').length;
  if (equivalent > 0) lines.push(t('mutation.equivalent', { count: equivalent }));
  const score = mutationScore(all);
  lines.push(t('mutation.score', { percent: score.percent, killed: score.killed, counted: score.counted }));
  return lines;
}

/** Every mutant with its place, what it changes, its status and (surviving) the suggested scenario's text. */
export function mutationJson(runs: readonly MutationRun[], io: CliIo, lang: Lang) {
  const all = runs.flatMap((r) => r.outcomes);
  return {
    mutants: runs.flatMap(({ ws, outcomes }) => {
      const place = placer(ws, io);
      return outcomes.map((o) => ({
        revision: o.mutant.revision,
        operator: o.mutant.operator,
        item: o.mutant.item.id,
        at: place(o.mutant.loc, o.mutant.anchor),
        description: renderMessage(o.mutant.description, lang),
        status: o.status,
        ...(o.killedBy ? { killedBy: { file: displayPath(o.killedBy.loc.file, io.cwd), name: o.killedBy.name } } : {}),
        ...(o.suggestion ? { suggestion: suggestionText(o, lang) } : {}),
      }));
    }),
    score: mutationScore(all),
  };
}
