// Mutation testing of the rules by their scenarios: every mutant (`mutants.ts`) is evaluated
// against the scenarios of its revision that pass on the rules as written; it is killed when
// one of them fails. A surviving mutant whose changed condition the decision procedure proves
// to hold exactly where the original does is equivalent and not counted; for every other one
// a scenario that kills it is suggested (`suggested-scenario.ts`).
import { interpret } from './interpreter';
import { logicContext } from './logic/context';
import { not, TRUE } from './logic/formula';
import { STRICT, toFormula } from './logic/vocabulary';
import { applyChange, mutantsOf, type Mutant } from './mutants';
import { revisionsOf, ruleSetSpec, type RuleSetSpec } from './rule-set-spec';
import { compareExpect, runScenario, scenarioInput } from './scenario';
import type { Steps } from './steps';
import { scenarioText, suggestScenario, whereConditionMatters, type SuggestedScenario } from './suggested-scenario';
import { renderMessage, type Lang } from './messages';
import { evaluateRules } from '../runtime/evaluate';
import type { Condition } from '../model/condition';
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
 * Whether the decision procedure proves a changed condition to hold exactly where the
 * original does, wherever it can matter (`whereConditionMatters`). Other changes are never
 * taken as equivalent.
 */
function equivalent(ws: Workspace, spec: RuleSetSpec, mutant: Mutant): boolean {
  const change = mutant.change;
  if (change.kind !== 'condition') return false;
  const ctx = logicContext(ws);
  const within = whereConditionMatters(ctx, spec, change.owner);
  const formula = (cond: Condition | undefined) => (cond === undefined ? TRUE : toFormula(ctx.vocab, cond, STRICT));
  const [before, after] = [formula(change.before), formula(change.after)];
  if (!before || !after || !within) return false;
  return (
    ctx.decide([...within, before, not(after, ctx.vocab)]) === 'unsat' && ctx.decide([...within, after, not(before, ctx.vocab)]) === 'unsat'
  );
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
