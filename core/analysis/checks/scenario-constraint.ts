// scenario-constraint: a scenario whose facts break a world constraint of facts.yaml (an
// impossible situation), reported at its `facts` key, pointing at the constraint.
import { inFocus } from '../focus';
import { evaluateCondition } from '../../runtime/condition';
import { findingAt, relatedAt } from '../report';
import type { Finding } from '../types';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const scenarioConstraint: Check = {
  code: 'scenario-constraint',
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const scenario of ws.scenarios) {
      if (!inFocus(focus, scenario.loc.file)) continue;
      const facts = scenario.facts;
      if (!facts) continue;
      ws.constraints.forEach((constraint, i) => {
        // Only a constraint that is definitely false counts: unknown facts may still fit.
        if (evaluateCondition(constraint.cond, facts) !== false) return;
        findings.push(
          findingAt(
            'scenario-constraint',
            locAt(scenario.loc, 'facts'),
            'key',
            { id: 'scenario-constraint', args: { index: i + 1 } },
            {
              related: [relatedAt(constraint.loc, 'value', { id: 'related.constraint' })],
            },
          ),
        );
      });
    }
    return findings;
  },
};
