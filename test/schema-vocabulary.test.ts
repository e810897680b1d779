// Completion reads what may be written at a place from the JSON Schemas: through $ref, anyOf,
// if/then/else and list items, operators left to the operators table; and on the shipped
// schemas it offers what a rule file may hold (a key added to a schema would be offered at once).
import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../core/analysis/schema';
import { schemaAt } from '../core/ide/schema-vocabulary';

const names = (keys: { name: string }[]) => keys.map((k) => k.name);

describe('schema vocabulary', () => {
  it('follows $ref, anyOf, if/then/else and list items, and leaves operators out', () => {
    const schema = {
      properties: { items: { type: 'array', items: { $ref: '#/$defs/item' } }, mode: { enum: ['a', 'b'] } },
      $defs: {
        item: {
          properties: {
            id: { type: 'string', 'x-message': 'item-id' },
            when: { $ref: '#/$defs/cond' },
            per: { description: '期間', $ref: '#/$defs/per' },
          },
        },
        per: { enum: ['day', 'month'] },
        cond: {
          if: { required: ['all'] },
          then: { properties: { all: { items: { $ref: '#/$defs/cond' } } } },
          else: { anyOf: [{ properties: { fact: {}, gte: {} } }] },
        },
      },
    };
    expect(names(schemaAt(schema, []).keys)).toEqual(['items', 'mode']);
    expect(schemaAt(schema, ['items', 0]).keys).toEqual([{ name: 'id' }, { name: 'when' }, { name: 'per', description: '期間' }]);
    expect(names(schemaAt(schema, ['items', 3, 'when', 'all', 0]).keys)).toEqual(['all', 'fact']);
    expect(schemaAt(schema, ['items', 0, 'per']).values).toEqual(['day', 'month']);
    expect(schemaAt(schema, ['mode']).values).toEqual(['a', 'b']);
    expect(schemaAt(schema, ['items', 0, 'id']).names).toBe('item-id');
    expect(schemaAt(schema, ['nothing', 'here'])).toEqual({ keys: [], values: [], mapping: false });
  });

  it('offers from the shipped schemas the keys of an item, a relation and a condition, and the texts of a revision', () => {
    const tariff = SCHEMAS.tariff as Record<string, unknown>;
    expect(names(schemaAt(tariff, ['items', 0]).keys)).toEqual(
      expect.arrayContaining(['id', 'name', 'claimant', 'points', 'when', 'variants', 'excludes', 'overrides', 'limit', 'source']),
    );
    expect(names(schemaAt(tariff, ['items', 0, 'excludes', 0]).keys)).toEqual(['id', 'scope', 'when']);
    expect(names(schemaAt(tariff, ['items', 0, 'when']).keys).sort()).toEqual(['all', 'any', 'fact', 'not']);
    expect(names(schemaAt(tariff, ['items', 0, 'source']).keys)).toContain('also');
    expect(schemaAt(tariff, ['items', 0, 'limit', 'per']).values).toEqual([
      'claim',
      'day',
      'month',
      'admission',
      'discharge',
      'after-discharge-month',
    ]);
    expect(schemaAt(tariff, ['items', 0, 'requires', 0]).names).toBe('item-id');
    expect(names(schemaAt(SCHEMAS.revisions as Record<string, unknown>, ['revisions', 0, 'texts', 0]).keys)).toEqual([
      'scheme',
      'kind',
      'name',
      'path',
    ]);
    expect(names(schemaAt(SCHEMAS.waivers as Record<string, unknown>, ['waivers', 0]).keys)).toEqual(['clause', 'reason']);
    expect(schemaAt(SCHEMAS.scenario as Record<string, unknown>, ['facts']).keyNames).toBe('fact-name');
  });
});
