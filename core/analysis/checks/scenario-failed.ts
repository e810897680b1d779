// scenario-failed: a scenario whose `expect` differs from what the rules core computes,
// reported at the differing `expect` key with expected and actual.
import { compareExpect, runScenario } from '../scenario';
import { findingAt } from '../report';
import type { Finding } from '../types';
import type { Check } from './check';

export const scenarioFailed: Check = {
  code: 'scenario-failed',
  run(ws) {
    const findings: Finding[] = [];
    for (const scenario of ws.scenarios) {
      if (!('expect' in scenario.raw)) continue;
      const outcome = runScenario(ws, scenario);
      // Unknown revisions, facts or ids are reported by their own checks.
      if (!outcome || 'errors' in outcome) continue;
      for (const m of compareExpect(scenario, outcome)) {
        findings.push(
          findingAt(
            'scenario-failed',
            m.loc,
            m.anchor,
            { id: 'scenario-failed', args: { expected: m.expected, actual: m.actual } },
            { data: { expected: m.expected, actual: m.actual } },
          ),
        );
      }
    }
    return findings;
  },
};
