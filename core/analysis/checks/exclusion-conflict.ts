// exclusion-conflict: declarations about one pair that disagree (excludes vs overrides, two
// scopes, two conditions), a pair both combinable and excluded, or overrides in a cycle of
// any length; reported at each declaration involved.
import { valueAt } from '../parse';
import { logicContext } from '../logic/context';
import { findingAt, firstFew, listing, othersThan, relatedAt, relatedPlaces } from '../report';
import type { Finding, MessageRef } from '../types';
import type { Check } from './check';

/** What a finding's fix writes: this side's entry declared as the other side declares it. */
export type ExclusionConflictData = {
  align: { id: string; scope: string; when?: unknown };
};

export const exclusionConflict: Check = {
  code: 'exclusion-conflict',
  fixes({ span, data }) {
    const align = (data as Partial<ExclusionConflictData> | undefined)?.align;
    if (!align || typeof align.id !== 'string') return [];
    const flow = `{ id: ${align.id}, scope: ${align.scope}${align.when !== undefined ? `, when: ${JSON.stringify(align.when)}` : ''} }`;
    return [{ title: { id: 'fix.align-relation' }, edits: [{ span, text: flow }] }];
  },
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const { sites, conflicts } of logicContext(ws).relations(focus)) {
      for (const conflict of conflicts) {
        const involved = conflict.declarations.map((i) => sites[i]!);
        const first = involved[0]!.declaration;
        const a = first.from;
        const b = first.to;
        const message: MessageRef =
          conflict.kind === 'cycle'
            ? {
                id: 'exclusion-conflict.cycle',
                args: { path: listing(conflict.cycle?.length ?? 0, firstFew(conflict.cycle ?? []), 'path') },
              }
            : conflict.kind === 'combinable'
              ? { id: 'exclusion-conflict.combinable', args: { a, b } }
              : {
                  id: `exclusion-conflict.${conflict.kind}`,
                  args: {
                    a,
                    b,
                    values: {
                      terms: involved.map((s) =>
                        conflict.kind === 'scope' ? `scope.${s.declaration.scope}` : `relation.${s.declaration.kind}`,
                      ),
                      join: 'list',
                    },
                  },
                };
        for (const site of involved) {
          // Where two sides disagree only on scope or condition, the other side's declaration can be copied here.
          const other = involved.find((o) => o !== site);
          const align: ExclusionConflictData | undefined =
            other && (conflict.kind === 'scope' || conflict.kind === 'condition') && site.declaration.kind === other.declaration.kind
              ? {
                  align: {
                    id: site.declaration.to,
                    scope: other.declaration.scope,
                    // The condition as the other side wrote it, to be copied here.
                    ...(other.declaration.when !== undefined ? { when: valueAt(other.loc.doc.value, `${other.loc.pointer}/when`) } : {}),
                  },
                }
              : undefined;
          findings.push(
            findingAt('exclusion-conflict', site.loc, 'value', message, {
              ...(align ? { data: align } : {}),
              related: relatedPlaces(involved.length - 1, firstFew(othersThan(involved, site)), (other) =>
                relatedAt(other.loc, 'value', { id: 'related.other-declaration-of-pair', args: { id: other.item.id } }),
              ),
            }),
          );
        }
      }
    }
    return findings;
  },
};
