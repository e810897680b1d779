// Witnesses as people read them in messages: each fact by its label (facts.yaml) with its
// value, by the value's label where the facts give one (`入院先への情報提供日 = 入院日の前日`), in
// vocabulary order, or "any situation" when no fact matters; the bundles render yes/no, units
// and the labels in the reader's language.
import { factLabel, type FactDef } from '../../model/workspace';
import type { Situation } from '../types';
import type { Witness } from './solver';

export function witnessArg(witness: Witness, facts: ReadonlyMap<string, readonly FactDef[]>): Situation {
  return {
    situation: Object.entries(witness).map(([fact, value]) => {
      const def = facts.get(fact)?.[0];
      return { fact, value, ...labelsOf(def, value) };
    }),
  };
}

/** A fact's label, unit and the labels of a value (of each member of a set), as a situation shows them. */
export function labelsOf(def: FactDef | undefined, value: unknown): Omit<Situation['situation'][number], 'fact' | 'value'> {
  if (!def) return {};
  const values = Array.isArray(value) ? value : [value];
  const valueLabels = values.map((v) => (typeof v === 'string' || typeof v === 'number' ? def.valueLabels.get(String(v)) : undefined));
  const label = factLabel(def);
  return {
    ...(label ? { label } : {}),
    ...(def.unit ? { unit: def.unit } : {}),
    ...(valueLabels.some((l) => l !== undefined) ? { valueLabels } : {}),
  };
}
