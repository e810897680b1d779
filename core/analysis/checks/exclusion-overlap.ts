// exclusion-overlap: two items that may not be kept together can both apply; says when (a
// witness) and which one the rules core keeps. Reported, as a hint, at each declaration of
// the pair that says what the core does (not at the reversed side of an `overrides` cycle).
import { clashOf, declaresAsSettled } from '../logic/clash';
import { witnessArg } from '../logic/witness';
import { findingAt } from '../report';
import type { Witness } from '../logic/solver';
import type { MessageRef, Situation } from '../types';
import type { Loc } from '../../model/read';
import type { LogicContext } from '../logic/context';
import { onPhase } from '../../model/phases';
import { budgetFinding } from './budget';
import { conditionCheck } from './condition-check';

// Relations between items with the same conditions share an answer, and with it the example
// as read: kept for the analysis (over all its portions of files).
const situationsOf = onPhase(
  { phase: 'reasoned', keeps: 'the example of each witness, as read' },
  (_ctx: LogicContext) => new Map<Witness, Situation>(),
);

export const exclusionOverlap = conditionCheck('exclusion-overlap', (ctx, findings, focus) => {
  const situations = situationsOf(ctx);
  for (const { revision, sites, relations } of ctx.relations(focus)) {
    for (const relation of relations) {
      const clash = clashOf(ctx, revision, relation);
      if (clash.status !== 'sat' && clash.status !== 'budget') continue;
      const locs: Loc[] = [];
      for (const i of relation.declarations) if (declaresAsSettled(sites[i]!, relation)) locs.push(sites[i]!.loc);
      if (clash.status === 'budget') {
        findings.push(...locs.map((loc) => budgetFinding(loc, 'value', 'exclusion-overlap', `${relation.a} / ${relation.b}`)));
        continue;
      }
      let witness = situations.get(clash.witness);
      if (!witness) situations.set(clash.witness, (witness = witnessArg(clash.witness, ctx.ws.facts)));
      const message: MessageRef =
        relation.kind === 'overrides'
          ? { id: 'exclusion-overlap.overrides', args: { a: relation.a, b: relation.b, witness, winner: clash.winner.id } }
          : {
              id: clash.tie ? 'exclusion-overlap.excludes-tie' : 'exclusion-overlap.excludes',
              args: { a: relation.a, b: relation.b, witness, winner: clash.winner.id, loser: clash.loser.id },
            };
      // `situation` completes the witness with the facts the world constraints tie to it.
      const data = { witness: clash.witness, situation: clash.model, keeps: clash.winner.id };
      for (const loc of locs) findings.push(findingAt('exclusion-overlap', loc, 'value', message, { data }));
    }
  }
});
