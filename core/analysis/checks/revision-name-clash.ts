// revision-name-clash: two revision ids in revisions.yaml that the compiler would turn into
// the same module file (`R06` and `r06`, `R.6` and `R_6`) or the same import name in the
// index module (`R-6` and `R_6`), reported at each id with the others as related places; and
// an id whose module file cannot be used (`index`, a Windows device name such as `CON`).
// `tariff compile` writes nothing while an error stands, so it never merges two revisions.
import { moduleNames, reservedModule, type ModuleNames } from '../module-names';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const revisionNameClash: Check = {
  code: 'revision-name-clash',
  run(ws) {
    const findings: Finding[] = [];
    // The compiler's own naming, so the check and the compiler can never disagree.
    const defs = [...ws.revisions.values()].flat().map((def) => ({ def, names: moduleNames(def.id) }));
    for (const { def, names } of defs) {
      const at = locAt(def.loc, 'id');
      const reserved = reservedModule(names.file);
      if (reserved)
        findings.push(
          findingAt('revision-name-clash', at, 'value', {
            id: `revision-name-clash.${reserved}`,
            args: { revision: def.id, file: `${names.file}.ts` },
          }),
        );
      // The same id declared twice is one revision, not two that clash.
      const others = defs.filter((other) => other.def.id !== def.id && clash(names, other.names)).map((other) => other.def);
      if (others.length === 0) continue;
      findings.push(
        findingAt(
          'revision-name-clash',
          at,
          'value',
          { id: 'revision-name-clash', args: { revision: def.id, others: [...new Set(others.map((o) => o.id))].join(', ') } },
          {
            related: others.map((other) =>
              relatedAt(locAt(other.loc, 'id'), 'value', { id: 'related.clashing-revision', args: { revision: other.id } }),
            ),
          },
        ),
      );
    }
    return findings;
  },
};

/** Whether two revisions would get one module file or one import name. */
function clash(a: ModuleNames, b: ModuleNames): boolean {
  return a.file === b.file || a.alias === b.alias;
}
