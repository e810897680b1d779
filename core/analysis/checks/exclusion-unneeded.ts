// exclusion-unneeded: an exclusion (scope: claim) between items whose conditions can never
// hold together, so the declaration never takes effect. Wider scopes are not reported: two
// claims on one day or in one month may come from different situations.
import { clashOf } from '../logic/clash';
import { findingAt } from '../report';
import { conditionCheck } from './condition-check';

export const exclusionUnneeded = conditionCheck('exclusion-unneeded', (ctx, findings, focus) => {
  for (const { revision, sites, relations } of ctx.relations(focus)) {
    for (const relation of relations) {
      const clash = clashOf(ctx, revision, relation);
      if (relation.scope !== 'claim' || clash.status !== 'unsat') continue;
      const id = clash.onlyWhen ? 'exclusion-unneeded.when' : 'exclusion-unneeded';
      for (const i of relation.declarations)
        findings.push(findingAt('exclusion-unneeded', sites[i]!.loc, 'value', { id, args: { a: relation.a, b: relation.b } }));
    }
  }
});
