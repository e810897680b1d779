// The registry of checks: every semantic check is listed here once, in catalogue order.
// A new check is a new file in this folder with the `Check` signature, added to this list.
import { additionCycle } from './addition-cycle';
import { aliasCollision } from './alias-collision';
import { amountUnit } from './amount-unit';
import { clauseUncovered } from './clause-uncovered';
import type { Check } from './check';
import { constraintsUnsatisfiable } from './constraints-unsatisfiable';
import { duplicateFact } from './duplicate-fact';
import { duplicateId } from './duplicate-id';
import { effectiveGap } from './effective-gap';
import { effectiveOverlap } from './effective-overlap';
import { exclusionConflict } from './exclusion-conflict';
import { exclusionOverlap } from './exclusion-overlap';
import { exclusionSelf } from './exclusion-self';
import { exclusionUnencoded } from './exclusion-unencoded';
import { exclusionUnneeded } from './exclusion-unneeded';
import { factType } from './fact-type';
import { limitExceedsParent } from './limit-exceeds-parent';
import { revisionNameClash } from './revision-name-clash';
import { scenarioConstraint } from './scenario-constraint';
import { scenarioFailed } from './scenario-failed';
import { sourceAmountMismatch } from './source-amount-mismatch';
import { sourceQuoteMismatch } from './source-quote-mismatch';
import { sourceTextUnreadable } from './source-text-unreadable';
import { sourceUnknownClause } from './source-unknown-clause';
import { unknownFact } from './unknown-fact';
import { unknownItem } from './unknown-item';
import { unknownRevision } from './unknown-revision';
import { unsatisfiable } from './unsatisfiable';
import { variantGap } from './variant-gap';
import { variantOverlap } from './variant-overlap';
import { variantUnreachable } from './variant-unreachable';

export type { Check } from './check';

export const CHECKS: readonly Check[] = [
  duplicateId,
  effectiveOverlap,
  effectiveGap,
  duplicateFact,
  unknownItem,
  unknownFact,
  factType,
  amountUnit,
  additionCycle,
  unknownRevision,
  revisionNameClash,
  sourceTextUnreadable,
  sourceUnknownClause,
  sourceQuoteMismatch,
  sourceAmountMismatch,
  clauseUncovered,
  exclusionUnencoded,
  constraintsUnsatisfiable,
  unsatisfiable,
  variantOverlap,
  variantGap,
  variantUnreachable,
  exclusionConflict,
  exclusionSelf,
  exclusionOverlap,
  exclusionUnneeded,
  limitExceedsParent,
  aliasCollision,
  scenarioConstraint,
  scenarioFailed,
];
