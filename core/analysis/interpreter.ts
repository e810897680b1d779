// The reference interpreter: a live rule set straight from the parsed rules, whose
// conditions run through the reference semantics. The language server evaluates with it
// instantly, the CLI runs scenarios with it, and the differential test holds the compiled
// core to it.
import { evaluateCondition } from '../runtime/condition';
import { FALSE3, TRUE3, UNKNOWN3, type Condition, type Limit, type RuleSet, type Truth3 } from '../runtime/types';
import type { ConditionSpec, LimitSpec, RuleSetSpec } from './rule-set-spec';

export function interpret(spec: RuleSetSpec): RuleSet {
  return {
    revision: spec.revision,
    facts: spec.facts,
    slots: spec.slots,
    items: spec.items.map(({ when, limit, variants, ...item }) => ({
      ...item,
      ...(when ? { when: live(when) } : {}),
      ...(limit ? { limit: liveLimit(limit) } : {}),
      variants: variants.map(({ when: vWhen, limit: vLimit, ...v }) => ({
        ...v,
        ...(vWhen ? { when: live(vWhen) } : {}),
        ...(vLimit ? { limit: liveLimit(vLimit) } : {}),
      })),
    })),
    relations: spec.relations.map(({ when, ...r }) => ({ ...r, ...(when ? { when: live(when) } : {}) })),
    constraints: spec.constraints,
  };
}

function live(spec: ConditionSpec): Condition {
  return {
    facts: spec.facts,
    test: (_x, named): Truth3 => {
      const truth = evaluateCondition(spec.cond, named);
      return truth === 'unknown' ? UNKNOWN3 : truth ? TRUE3 : FALSE3;
    },
  };
}

function liveLimit(limit: LimitSpec): Limit {
  return limit.raised
    ? { ...limit, raised: { times: limit.raised.times, when: live(limit.raised.when) } }
    : { times: limit.times, per: limit.per };
}
