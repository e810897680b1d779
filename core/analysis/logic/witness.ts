// Witnesses as people read them in messages: `fact = value` pairs in vocabulary order, or
// "any situation" when no fact matters.
import type { MessageArg } from '../types';
import type { Witness } from './solver';

export function witnessArg(witness: Witness): MessageArg {
  const parts = Object.entries(witness).map(
    ([name, value]) => `${name} = ${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}`,
  );
  return parts.length > 0 ? parts.join(', ') : { terms: ['any-situation'] };
}
