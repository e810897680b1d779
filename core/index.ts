// The rules core's public entry: `evaluate(input)` for any compiled revision. Callers who
// import it get compile-time checking of fact names and values (the `Facts` type of the
// revision they name) and, at run time, an error object — never an exception — for input
// the types could not rule out.
import { evaluateRules } from './runtime/evaluate';
import { show } from './runtime/input';
import { whyNot } from './runtime/why-not';
import type { EvaluateOutcome } from './runtime/types';
import { revisions, type Input } from './generated/index';

export type { Input } from './generated/index';
export type { Claimable, EvaluateOutcome, EvaluateResult, InputError, Reason, Rejection, Source, Unit } from './runtime/types';
export type { FactChange, WhyNot } from './runtime/why-not';

export interface EvaluateOptions {
  /**
   * Also say, for each item that cannot be claimed, what would make it claimable (`whyNot` of
   * the result): the smallest change of the facts, the earlier claims a limit counted, or when
   * the item is in force. Off by default: it evaluates the episode again for every value tried.
   */
  explain?: boolean;
}

/** Which items can be claimed for an episode, for how much, and why the others cannot. */
export function evaluate(input: Input, options: EvaluateOptions = {}): EvaluateOutcome {
  const revision: unknown = input && typeof input === 'object' ? input.revision : undefined;
  // Own entries only: `__proto__`, `constructor` or `toString` are not revisions.
  if (typeof revision !== 'string' || !Object.hasOwn(revisions, revision)) {
    const known = Object.keys(revisions).join(', ');
    return { errors: [{ code: 'unknown-revision', message: `unknown revision ${show(revision)} (compiled: ${known})`, path: 'revision' }] };
  }
  const rules = revisions[revision]!;
  try {
    const outcome = evaluateRules(rules, input);
    return options.explain && !('errors' in outcome) ? { ...outcome, whyNot: whyNot(rules, input, outcome) } : outcome;
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
