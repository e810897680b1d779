// Compiled by `npm run typecheck` (tsc --strict) as part of `npm test`: the generated
// `Facts` and `ItemId` types catch wrong fact names, values and ids at compile time. Each
// `@ts-expect-error` fails the type check if the error it expects ever stops happening.
import { evaluate } from '../../core/index';

export const ok = evaluate({
  revision: 'R06',
  date: '2024-07-10',
  facts: { 'guidance.hospital-staff': ['physician'], 'guidance.home-physician': true, 'patient.age': 80 },
  request: ['B005', 'B005-n2'],
});

// @ts-expect-error — a misspelt fact name
export const misspelt = evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physican': true } });

// @ts-expect-error — a value that is not a member of the set
export const badMember = evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-parties': ['dentist'] } });

// @ts-expect-error — a boolean fact given a string
export const badType = evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physician': 'yes' } });

// @ts-expect-error — an id that is not an item of R06
export const badId = evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, request: ['B005-n9'] });

// Each revision's `claimant` is one of the claimants its items name.
export const claimant = evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, claimant: 'care-office' });

// @ts-expect-error — a misspelt claimant
export const misspeltClaimant = evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, claimant: 'hospitl' });

// @ts-expect-error — R04 has rules for hospitals and home-care clinics only
export const otherClaimant = evaluate({ revision: 'R04', date: '2023-07-10', facts: {}, claimant: 'care-office' });
