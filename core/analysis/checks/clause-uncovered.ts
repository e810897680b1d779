// clause-uncovered: a 区分 that a rule cites has clauses (注, items, 通知 paragraphs) that no
// rule encodes — neither as its `clause` nor in `also` — and no waiver sets aside with a
// reason. Reported once per 区分, at the first item citing it, naming the clauses left.
import { clauseCoverage } from '../law/coverage';
import { findingAt, listing } from '../report';
import type { Finding } from '../types';
import type { Check } from './check';

export const clauseUncovered: Check = {
  code: 'clause-uncovered',
  run(ws) {
    const findings: Finding[] = [];
    for (const coverage of clauseCoverage(ws)) {
      for (const section of coverage.sections) {
        const uncovered = section.clauses.filter((c) => c.status === 'uncovered').map((c) => c.clause);
        if (uncovered.length === 0) continue;
        const message = {
          id: 'clause-uncovered',
          args: {
            section: section.section,
            name: section.name,
            count: uncovered.length,
            total: section.clauses.length,
            clauses: listing(uncovered.length, uncovered),
          },
        };
        findings.push(findingAt('clause-uncovered', section.first.clause.loc, 'value', message, { data: { uncovered } }));
      }
    }
    return findings;
  },
};
