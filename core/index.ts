// The rules core's public entry: `evaluate(input)` for any compiled revision. Callers who
// import it get compile-time checking of fact names and values (the `Facts` type of the
// revision they name) and, at run time, an error object — never an exception — for input
// the types could not rule out.
import { evaluateRevision, type EvaluateOptions } from './runtime/evaluate-revision';
import type { EvaluateOutcome } from './runtime/types';
import { revisions, type Input } from './generated/index';

export type { Input } from './generated/index';
export type { EvaluateOptions } from './runtime/evaluate-revision';
export type { Claimable, EvaluateOutcome, EvaluateResult, InputError, Reason, Rejection, Source, Unit } from './runtime/types';
export type { FactChange, WhyNot } from './runtime/why-not';

/** Which items can be claimed for an episode, for how much, and why the others cannot. */
export function evaluate(input: Input, options: EvaluateOptions = {}): EvaluateOutcome {
  return evaluateRevision(revisions, input, options);
}
