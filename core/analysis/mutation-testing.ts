// Mutation testing of the rules by their scenarios: every mutant (`mutants.ts`) is evaluated
// against the scenarios of its revision that pass on the rules as written; it is killed when
// one of them fails. A surviving mutant whose changed condition the decision procedure proves
// to hold exactly where the original does is equivalent and not counted; for every other one
// a scenario that kills it is suggested (`suggested-scenario.ts`).
import { interpret } from './interpreter';
import { logicContext } from './logic/context';
import { and, not, type Formula } from './logic/formula';
import { applyChange, mutantsOf, type Mutant } from './mutants';
import { revisionsOf, ruleSetSpec, type RuleSetSpec } from './rule-set-spec';
import { compareExpect, runScenario, scenarioInput } from './scenario';
import type { Steps } from './steps';
import { scenarioText, suggestScenario, type SuggestedScenario } from './suggested-scenario';
import { givenVocabulary, sameInThreeValues, truthOf } from './logic/three-valued';
import { renderMessage, type Lang } from './messages';
import { evaluateRules } from '../runtime/evaluate';
import { itemTitle, topItem, type ItemDef, type ScenarioDef, type Workspace } from '../model/workspace';

export type MutantStatus = 'killed' | 'survived' | 'equivalent';

export interface MutantOutcome {
  mutant: Mutant;
  status: MutantStatus;
  /** The first scenario that fails on the mutant. */
  killedBy?: ScenarioDef;
  /** For a surviving mutant: a scenario that would kill it, when the decision procedure finds one. */
  suggestion?: SuggestedScenario;
}

export interface MutationOptions {
  /** The scenarios that count (all by default). */
  scenarios?: (scenario: ScenarioDef) => boolean;
  /** The revisions whose rules are mutated (all that have items by default). */
  revisions?: (revision: string) => boolean;
  /** The items whose parts are mutated (all by default): the editor asks for the one at the cursor. */
  items?: (item: ItemDef) => boolean;
}

/** Every mutant's outcome, one mutant per step (see `Steps`), in workspace order per revision. */
export function* mutationSteps(ws: Workspace, options: MutationOptions = {}): Steps<MutantOutcome[]> {
  const outcomes: MutantOutcome[] = [];
  for (const revision of revisionsOf(ws).filter(options.revisions ?? (() => true))) {
    const spec = ruleSetSpec(ws, revision);
    // Only scenarios that pass as the rules are written can tell a mutant apart.
    const scenarios = ws.scenarios.filter((s) => {
      if (s.revision !== revision || s.loc.doc.broken || !(options.scenarios?.(s) ?? true)) return false;
      const outcome = runScenario(ws, s);
      return outcome !== undefined && !('errors' in outcome) && compareExpect(ws, s, outcome).length === 0;
    });
    const inputs = scenarios.map(scenarioInput);
    for (const mutant of mutantsOf(ws, spec)) {
      if (options.items && !options.items(mutant.item)) continue;
      const rules = interpret(applyChange(spec, mutant.change));
      const killer = scenarios.findIndex((s, i) => {
        const outcome = evaluateRules(rules, inputs[i]!);
        return 'errors' in outcome || compareExpect(ws, s, outcome).length > 0;
      });
      if (killer >= 0) outcomes.push({ mutant, status: 'killed', killedBy: scenarios[killer]! });
      else if (equivalent(ws, spec, mutant)) outcomes.push({ mutant, status: 'equivalent' });
      else {
        const suggestion = suggestScenario(ws, spec, mutant);
        outcomes.push({ mutant, status: 'survived', ...(suggestion ? { suggestion } : {}) });
      }
      yield;
    }
  }
  return outcomes;
}

/** The score: killed among the mutants not proven equivalent. */
export function mutationScore(outcomes: readonly MutantOutcome[]): { killed: number; counted: number; percent: number } {
  const counted = outcomes.filter((o) => o.status !== 'equivalent').length;
  const killed = outcomes.filter((o) => o.status === 'killed').length;
  return { killed, counted, percent: counted === 0 ? 100 : Math.floor((killed * 100) / counted) };
}

/**
 * Whether the decision procedure proves a changed condition to give the same truth as the
 * original in every episode where it can matter, in the three values the rules core uses
 * (a fact not given makes an atom unknown). An item's own condition matters unless all of its
 * variants are definitely false; any other condition everywhere (a variant asked for by id is
 * tested whatever the earlier variants say, and earlier claims reach relations and raised
 * limits). Other changes are never taken as equivalent.
 */
function equivalent(ws: Workspace, spec: RuleSetSpec, mutant: Mutant): boolean {
  const change = mutant.change;
  if (change.kind !== 'condition') return false;
  const ctx = logicContext(ws);
  const g = givenVocabulary(ws, ctx.vocab);
  const within: Formula[] = [];
  const def = change.owner.kind === 'when' ? ctx.lookup(spec.revision, change.owner.id) : undefined;
  if (def && !def.owner && def.variants.length > 0) {
    const noVariant = def.variants.map((v) => truthOf(g, v.when?.cond)?.no);
    if (noVariant.some((f) => f === undefined)) return false;
    within.push(not(and(...(noVariant as Formula[])), g.vocab));
  }
  return sameInThreeValues(g, change.before, change.after, within);
}

/** A suggested scenario as a file, in the analyst's language: its name, a note to confirm it, the episode and what the rules give now. */
export function suggestionText(outcome: MutantOutcome, lang: Lang): string | undefined {
  if (!outcome.suggestion) return undefined;
  const mutation = renderMessage(outcome.mutant.description, lang);
  const item = itemTitle(topItem(outcome.mutant.item));
  return scenarioText(outcome.suggestion, {
    name: renderMessage({ id: 'mutation.scenario.name', args: { item, mutation } }, lang),
    description: renderMessage({ id: 'mutation.scenario.description', args: { mutation } }, lang),
    comment: renderMessage({ id: 'mutation.scenario.comment' }, lang),
  });
}
