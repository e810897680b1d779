// Completion reads keys and values from the JSON Schemas: through $ref, anyOf, if/then/else and
// list items, operators left to the operators table; and on the shipped schemas it offers what
// a rule file may hold (a key added to a schema would be offered at once).
import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../core/analysis/schema';
import { schemaVocabulary } from '../core/ide/schema-vocabulary';

describe('schema vocabulary', () => {
  it('follows $ref, anyOf, if/then/else and list items, and leaves operators out', () => {
    const schema = {
      properties: { items: { type: 'array', items: { $ref: '#/$defs/item' } }, mode: { enum: ['a', 'b'] } },
      $defs: {
        item: { properties: { id: {}, when: { $ref: '#/$defs/cond' }, per: { $ref: '#/$defs/per' } } },
        per: { enum: ['day', 'month'] },
        cond: {
          if: { required: ['all'] },
          then: { properties: { all: { items: { $ref: '#/$defs/cond' } } } },
          else: { anyOf: [{ properties: { fact: {}, gte: {} } }] },
        },
      },
    };
    const { childKeys, enums } = schemaVocabulary(schema);
    expect(childKeys).toEqual({ '': ['items', 'mode'], items: ['id', 'when', 'per'], when: ['all', 'fact'], all: ['all', 'fact'] });
    expect(enums).toEqual({ mode: ['a', 'b'], per: ['day', 'month'] });
  });

  it('offers from the shipped schemas the keys of an item, a relation and a condition, and the texts of a revision', () => {
    const tariff = schemaVocabulary(SCHEMAS.tariff as Record<string, unknown>);
    expect(tariff.childKeys.items).toEqual(
      expect.arrayContaining(['id', 'name', 'claimant', 'points', 'when', 'variants', 'excludes', 'overrides', 'limit', 'source']),
    );
    expect(tariff.childKeys.excludes).toEqual(['id', 'scope', 'when']);
    expect([...tariff.childKeys.when!].sort()).toEqual(['all', 'any', 'fact', 'not']);
    expect(tariff.childKeys.source).toContain('also');
    expect(tariff.enums.per).toEqual(['claim', 'day', 'month', 'admission', 'discharge', 'after-discharge-month']);
    expect(schemaVocabulary(SCHEMAS.revisions as Record<string, unknown>).childKeys.texts).toEqual(['scheme', 'kind', 'name', 'path']);
    expect(schemaVocabulary(SCHEMAS.waivers as Record<string, unknown>).childKeys.waivers).toEqual(['clause', 'reason']);
  });
});
