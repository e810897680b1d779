// Shared by the condition analyses: a solver answer of 'budget' becomes one
// `analysis-budget` finding at the place that was being analysed, never a hang.
import { DEFAULT_BUDGET } from '../logic/solver';
import { findingAt, type Anchor } from '../report';
import type { Finding } from '../types';
import type { Loc } from '../../model/workspace';

/** `check` is the code of the analysis that stopped; `what` the ids it was looking at. */
export function budgetFinding(loc: Loc, anchor: Anchor, check: string, what: string): Finding {
  return findingAt('analysis-budget', loc, anchor, { id: 'analysis-budget', args: { check, what, budget: DEFAULT_BUDGET } });
}
