// unknown-fact: a condition, a constraint or a scenario names a fact that facts.yaml does
// not declare; suggests the nearest declared name.
import { inFocus } from '../focus';
import { forEachAtomOfWorkspace } from '../conditions';
import { FACT_COMPARISONS } from '../../model/operators';
import { findingAt } from '../report';
import { closestMatch } from '../suggest';
import type { Finding } from '../types';
import { locAt, type Loc } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const unknownFact: Check = {
  code: 'unknown-fact',
  fixes: suggestionFix,
  run(ws, focus) {
    // Without any facts file every name would be unknown; the CLI and server say that once.
    if (!ws.files.some((file) => file.kind === 'facts')) return [];
    const findings: Finding[] = [];
    const report = (name: string, loc: Loc, anchor: 'key' | 'value') => {
      if (ws.facts.has(name)) return;
      const suggestion = closestMatch(name, ws.facts.keys());
      const message = suggestion
        ? { id: 'unknown-fact.suggest', args: { fact: name, suggestion } }
        : { id: 'unknown-fact', args: { fact: name } };
      findings.push(findingAt('unknown-fact', loc, anchor, message, suggestion ? { data: { suggestion } } : {}));
    };
    forEachAtomOfWorkspace(
      ws,
      'unknown-fact',
      findings,
      (atom) => {
        report(atom.fact, locAt(atom.loc, 'fact'), 'value');
        const compared = atom.operator;
        if (compared !== undefined && FACT_COMPARISONS.includes(compared) && typeof atom.value === 'string')
          report(atom.value, locAt(atom.loc, compared), 'value');
      },
      focus,
    );
    for (const scenario of ws.scenarios) {
      if (!inFocus(focus, scenario.loc.file)) continue;
      for (const name of Object.keys(scenario.facts ?? {})) report(name, locAt(scenario.loc, 'facts', name), 'key');
    }
    return findings;
  },
};
