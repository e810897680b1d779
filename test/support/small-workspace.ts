// A small workspace for the tests of how well rules are tested (coverage, mutation, why-not):
// the standard facts and revisions of the check fixtures, one tariff file of three items
// (a conditional item with a raised limit that overrides another item per day, and an
// addition to it), and one scenario that claims the item and its addition.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const BASE = join(__dirname, '..', 'fixtures', 'check', '_base');

export const SMALL_RULES = `revision: R06
scheme: medical
items:
  - id: X1
    name: 指導料
    points: 400
    when: { fact: guidance.home-physician, is: true }
    limit:
      times: 1
      per: admission
      raised: { times: 2, when: { fact: patient.designated-disease, is: true } }
    overrides:
      - { id: X2, scope: day }
  - id: X2
    name: 共同指導料
    points: 300
  - id: X1-n1
    name: 加算
    addition-to: X1
    points: 100
`;

/** A scenario of the small rules on 2024-07-10, in a stay since 2024-07-01. */
export function smallScenario(name: string, facts: string, rest: string): string {
  return `scenario: ${name}\nrevision: R06\ndate: 2024-07-10\nadmission: { from: 2024-07-01 }\nfacts: ${facts}\n${rest}`;
}

/** X1 and its addition claimed, X2 overridden by X1. */
export const BOTH_SCENARIO = smallScenario(
  'X1 と加算、X2 は X1 に優先される',
  '{ guidance.home-physician: true, patient.designated-disease: false }',
  'request: [X1, X2, X1-n1]\nexpect:\n  claimable: [X1, X1-n1]\n  rejected: { X2: overridden }\n',
);

/** A new folder with the standard facts and revisions and the given files (by path). */
export function smallWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-small-'));
  cpSync(BASE, root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
