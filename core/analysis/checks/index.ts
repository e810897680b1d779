// The registry of checks: every semantic check is listed here once, in catalogue order.
// A new check is a new file in this folder with the `Check` signature, added to this list.
import { additionCycle } from './addition-cycle';
import { aliasCollision } from './alias-collision';
import { amountUnit } from './amount-unit';
import type { Check } from './check';
import { duplicateFact } from './duplicate-fact';
import { duplicateId } from './duplicate-id';
import { factType } from './fact-type';
import { unknownFact } from './unknown-fact';
import { unknownItem } from './unknown-item';
import { unknownRevision } from './unknown-revision';

export type { Check } from './check';

export const CHECKS: readonly Check[] = [
  duplicateId,
  duplicateFact,
  unknownItem,
  unknownFact,
  factType,
  amountUnit,
  additionCycle,
  unknownRevision,
  aliasCollision,
];
