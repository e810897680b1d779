// "Suggest Scenarios for This Item": mutation testing of the item under the cursor — each
// small change of its condition, variants, limit or relations that no scenario notices, with
// a scenario that would notice it (its expectation what the rules give now, to be confirmed
// against the official text), and the item's mutation score.
import { renderMessage, type Lang } from '../analysis/messages';
import { mutationScore, mutationSteps, suggestionText, type MutantOutcome } from '../analysis/mutation-testing';
import type { Steps } from '../analysis/steps';
import { itemTitle, topItem, type Workspace } from '../model/workspace';
import { itemAt } from './symbols';

export interface ScenarioSuggestions {
  /** The item, as `B005 退院時共同指導料２`. */
  item: string;
  /** `mutation score: N% (K of M killed)` for the item's mutants. */
  score: string;
  /** Every surviving change, with the scenario that tells it apart where the decision procedure finds one. */
  survivors: { change: string; scenario?: string }[];
}

/** The suggestions for the item at the offset, one mutant per step; undefined outside an item. */
export function* scenarioSuggestionsAt(ws: Workspace, file: string, offset: number, lang: Lang): Steps<ScenarioSuggestions | undefined> {
  const item = itemAt(ws, file, offset);
  const revision = item?.tariff.revision;
  if (!item || revision === undefined) return undefined;
  const outcomes: MutantOutcome[] = yield* mutationSteps(ws, { revisions: (r) => r === revision, items: (i) => topItem(i) === item });
  const score = mutationScore(outcomes);
  return {
    item: itemTitle(item),
    score: renderMessage({ id: 'mutation.score', args: { percent: score.percent, killed: score.killed, counted: score.counted } }, lang),
    survivors: outcomes
      .filter((o) => o.status === 'survived')
      .map((o) => {
        const scenario = suggestionText(o, lang);
        return { change: renderMessage(o.mutant.description, lang), ...(scenario !== undefined ? { scenario } : {}) };
      }),
  };
}
