// Evaluates an input with whichever compiled revision it names. The rules core's `evaluate`,
// the package `tariff compile --package` writes, `tariff serve` and `tariff eval --batch` all
// go through this one function, so they answer an unknown revision, an unforeseen fault and
// `explain` alike.
import { evaluateRules } from './evaluate';
import { show } from './input';
import { whyNot } from './why-not';
import type { EvaluateOutcome, RuleSet } from './types';

export interface EvaluateOptions {
  /**
   * Also say, for each item that cannot be claimed, what would make it claimable (`whyNot` of
   * the result): the smallest change of the facts, the earlier claims a limit counted, or when
   * the item is in force. Off by default: it evaluates the episode again for every value tried.
   */
  explain?: boolean;
}

/** The compiled rule sets by revision id (own properties only). */
export type Revisions = Readonly<Record<string, RuleSet>>;

/** Which items can be claimed for an episode, for how much, and why the others cannot. */
export function evaluateRevision(revisions: Revisions, input: unknown, options: EvaluateOptions = {}): EvaluateOutcome {
  // Not an episode at all (null, a list, a string): said as such, not as a missing revision.
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { errors: [{ code: 'bad-input', message: 'the input must be an object { revision, date, facts, … }', path: '' }] };
  const revision: unknown = (input as { revision?: unknown }).revision;
  // Own entries only: `__proto__`, `constructor` or `toString` are not revisions.
  if (typeof revision !== 'string' || !Object.hasOwn(revisions, revision)) {
    const known = Object.keys(revisions).join(', ');
    return { errors: [{ code: 'unknown-revision', message: `unknown revision ${show(revision)} (compiled: ${known})`, path: 'revision' }] };
  }
  const rules = revisions[revision]!;
  // The engine checks the rest of the input itself and reports what does not fit as errors.
  const episode = input as Parameters<typeof evaluateRules>[1];
  try {
    const outcome = evaluateRules(rules, episode);
    return options.explain && !('errors' in outcome) ? { ...outcome, whyNot: whyNot(rules, episode, outcome) } : outcome;
  } catch (error) {
    // The engine validates its input; this only keeps an unforeseen fault from reaching the caller as a throw.
    return {
      errors: [
        {
          code: 'bad-input',
          message: `the input could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
          path: '',
        },
      ],
    };
  }
}
