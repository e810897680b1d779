// The input of one compiled revision as a JSON Schema (2020-12, as OpenAPI 3.1 uses it),
// built from the same data the engine's own input check reads (`prepareInput`): the facts
// with their types, values and ranges, the claimants the items name, the item and variant ids,
// the list limit. `tariff serve` publishes it in its OpenAPI document; a property test holds
// the schema and the check to the same verdict on every input both can judge.
import { claimantsOf, INPUT_LIMITS } from './input';
import { INPUT_ERROR_CODES, REASONS, UNITS, type FactSpec, type RuleSet } from './types';

/** A JSON Schema: an object of keywords, or `true`/`false`. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/**
 * What the schema cannot say, and the check still refuses: `admission.to` before
 * `admission.from`; a request naming one item twice (the item and one of its variants); and,
 * in a field `evaluate` does not read, nesting deeper than 32 levels or a list of more than
 * 10,000 entries (it accepts such fields, the schema leaves them open).
 */
export function inputSchema(rules: RuleSet): JsonSchema {
  const ids = rules.items.flatMap((item) => [item.id, ...item.variants.map((v) => v.id)]);
  const claimants = claimantsOf(rules.items);
  // The pattern holds where a validator does not check formats (in JSON Schema 2020-12 `format` may be only a note).
  const date: JsonSchema = {
    type: 'string',
    format: 'date',
    pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
    description: 'A calendar date, YYYY-MM-DD.',
  };
  const id: JsonSchema = { enum: ids };
  return {
    type: 'object',
    description: `An episode to evaluate with revision ${rules.revision}.`,
    required: ['revision', 'date'],
    properties: {
      revision: { const: rules.revision },
      date: { ...date, description: 'The day of the claim, YYYY-MM-DD.' },
      facts: {
        // The check takes null as no facts, as it takes a missing `facts`.
        type: ['object', 'null'],
        description: 'The facts of the episode by name; a fact left out is unknown.',
        properties: Object.fromEntries(rules.facts.map((fact) => [fact.name, factSchema(fact)])),
        additionalProperties: false,
      },
      admission: {
        type: 'object',
        description: 'The stay, when the episode belongs to one: its first day and, once discharged, its last.',
        required: ['from'],
        properties: { from: date, to: date },
      },
      // No claimant can be given where no item names one.
      claimant: claimants.length > 0 ? { enum: claimants } : false,
      history: {
        type: 'array',
        description: 'Earlier claims of the same patient: each item or variant id with the day it was claimed.',
        maxItems: INPUT_LIMITS.list,
        items: { type: 'object', required: ['id', 'date'], properties: { id, date } },
      },
      request: {
        type: 'array',
        description: 'The items or variants asked for; when left out, every item of the revision is considered.',
        maxItems: INPUT_LIMITS.list,
        items: id,
      },
    },
  };
}

/** What `evaluate` answers: a result, or the errors in the input. */
export function outcomeSchemas(): Record<'Result' | 'InputErrors', JsonSchema> {
  const source: JsonSchema = {
    type: 'object',
    description: 'The citation of the deciding rule: the document, its clause, a link and the words quoted.',
    properties: { doc: { type: 'string' }, clause: { type: 'string' }, url: { type: 'string' }, quote: { type: 'string' } },
  };
  const claim: JsonSchema = { type: 'object', required: ['id', 'date'], properties: { id: { type: 'string' }, date: { type: 'string' } } };
  return {
    Result: {
      type: 'object',
      required: ['revision', 'date', 'claimable', 'rejected', 'withdraw', 'total'],
      properties: {
        revision: { type: 'string' },
        date: { type: 'string' },
        claimable: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'amount', 'unit'],
            properties: { id: { type: 'string' }, name: { type: 'string' }, amount: { type: 'number' }, unit: { enum: [...UNITS] } },
          },
        },
        rejected: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'reason', 'source'],
            properties: {
              id: { type: 'string' },
              variant: { type: 'string' },
              reason: { enum: [...REASONS] },
              by: { type: 'string', description: 'The item or earlier claim that decided it.' },
              facts: { type: 'array', items: { type: 'string' }, description: 'The unknown facts that decide it (missing-facts).' },
              source,
            },
          },
        },
        withdraw: { type: 'array', items: claim, description: 'Earlier claims to withdraw because this one replaces them.' },
        total: {
          type: 'object',
          required: [...UNITS],
          properties: Object.fromEntries(UNITS.map((unit) => [unit, { type: 'number' }])),
        },
        whyNot: {
          type: 'array',
          description: 'With explain: for each rejection, what would make the item claimable.',
          items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        },
      },
    },
    InputErrors: errorsSchema(INPUT_ERROR_CODES),
  };
}

/** A list of errors `{ code, message, path }`, as `evaluate` returns them, with the codes given. */
export function errorsSchema(codes: readonly string[]): JsonSchema {
  return {
    type: 'object',
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'message', 'path'],
          properties: {
            code: { enum: [...codes] },
            message: { type: 'string' },
            path: { type: 'string', description: 'Where in the input, such as facts.patient.age or history[0].date; empty for the whole.' },
          },
        },
      },
    },
  };
}

function factSchema(fact: FactSpec): JsonSchema {
  switch (fact.type) {
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
      return {
        type: 'integer',
        ...(fact.min === undefined ? {} : { minimum: fact.min }),
        ...(fact.max === undefined ? {} : { maximum: fact.max }),
      };
    case 'enum':
      return { enum: [...fact.values!] };
    case 'set':
      return { type: 'array', items: { enum: [...fact.values!] }, uniqueItems: true };
  }
}
