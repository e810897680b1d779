// scenario-failed: a scenario whose `expect` differs from what the rules give, reported at the
// differing `expect` key in the analyst's words (items by name, reasons and amounts written
// out), the ids and codes in its data.
import { inFocus } from '../focus';
import { compareExpect, runScenario } from '../scenario';
import { findingAt } from '../report';
import type { Finding } from '../types';
import type { Check } from './check';

export const scenarioFailed: Check = {
  code: 'scenario-failed',
  run(ws, focus) {
    const findings: Finding[] = [];
    for (const scenario of ws.scenarios) {
      if (!inFocus(focus, scenario.loc.file)) continue;
      if (!('expect' in scenario.raw)) continue;
      const outcome = runScenario(ws, scenario);
      // Unknown revisions, facts or ids are reported by their own checks.
      if (!outcome || 'errors' in outcome) continue;
      for (const m of compareExpect(ws, scenario, outcome))
        findings.push(findingAt('scenario-failed', m.loc, m.anchor, m.message, { data: { ...m.data, items: m.items } }));
    }
    return findings;
  },
};
