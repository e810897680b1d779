// The compiled rules core (core/generated, what downstream systems import) against the
// reference interpreter over the same rules/ files: 100,000 random episodes — facts, dates
// around the scheme boundaries, stays, earlier claims, requests, claimants, and some invalid
// input — must give identical results, 0 mismatches. Compiled rules take the engine's short
// path for episodes without a request or earlier claims; interpreted rules never do, so this
// also holds the short path to the general one.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { rulesOf } from '../core/analysis/scenario';
import { evaluate } from '../core/index';
import { revisions } from '../core/generated/index';
import { evaluateRules } from '../core/runtime/evaluate';
import { readRuleFiles } from '../core/workspace-files';
import { randomEpisode } from './support/random-episodes';

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 100_000);
const { workspace } = analyze(readRuleFiles([join(__dirname, '..', 'rules')]).sources);

describe('compiled core vs interpreter', () => {
  for (const [revision, compiled] of Object.entries(revisions)) {
    it(`${revision}: ${RUNS} random episodes give identical results`, () => {
      const interpreted = rulesOf(workspace, revision)!;
      const input = randomEpisode(compiled);
      let claims = 0;
      let common = 0;
      fc.assert(
        fc.property(input, (episode) => {
          const a = evaluate(episode as Parameters<typeof evaluate>[0]);
          const b = evaluateRules(interpreted, episode);
          // The first difference fails the property, and fast-check shrinks the episode to a small one.
          expect(a).toEqual(b);
          if (!('errors' in a)) claims += a.claimable.length;
          if (!('errors' in a) && episode.request === undefined && episode.history!.length === 0) common++;
        }),
        { numRuns: RUNS, seed: 4 },
      );
      // The episodes must exercise the rules, not only reject everything.
      expect(claims).toBeGreaterThan(RUNS / 10);
      expect(common).toBeGreaterThan(RUNS / 5);
    }, 600_000);
  }
});
