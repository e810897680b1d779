// The operators table (core/model/operators.ts) is the one list of operators: the schemas
// offer exactly its operators, the runtime, the decision procedure and the code generator
// handle every kind of meaning in it, and the runtime means by each what the table says. A new operator missed in any of
// these places fails here, naming the place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEANINGS, OPERATORS, operatorsOf } from '../core/model/operators';
import { SCOPES } from '../core/runtime/relations';
import { REASONS } from '../core/runtime/types';
import { evaluateCondition } from '../core/runtime/condition';
import { conditionOf } from '../core/model/condition';

const ROOT = join(__dirname, '..');
const schemaAtom = (file: string) =>
  Object.keys(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')).$defs.atom.properties)
    .filter((k) => k !== 'fact')
    .sort();
const names = (ops: typeof OPERATORS) => ops.map((op) => op.name).sort();
/** The operators a source file handles in `case '…'` branches. */
const cases = (file: string) => new Set([...readFileSync(join(ROOT, file), 'utf8').matchAll(/case '([a-z-]+)':/g)].map((m) => m[1]!));

describe('the operators table', () => {
  it('is what the schemas offer: rule conditions compare with values, world constraints also with other facts', () => {
    expect(schemaAtom('tariff.schema.json')).toEqual(names(OPERATORS.filter((op) => op.operand !== 'fact')));
    expect(schemaAtom('facts.schema.json')).toEqual(names(OPERATORS));
  });

  it('means what the runtime, the decision procedure and the code generator each handle', () => {
    // Each reads an operator's meaning by its kind; a kind one of them misses fails here by name.
    for (const file of ['core/model/operators.ts', 'core/analysis/logic/vocabulary.ts', 'core/compiler/codegen.ts']) {
      const handled = cases(file);
      expect([file, MEANINGS.filter((kind) => !handled.has(kind))]).toEqual([file, []]);
    }
    expect(OPERATORS.filter((op) => !(MEANINGS as readonly string[]).includes(op.meaning.kind))).toEqual([]);
  });

  it('offers each fact type its operators, in the order completion lists them', () => {
    expect(operatorsOf('boolean')).toEqual(['is', 'is-not']);
    expect(operatorsOf('integer')).toEqual(['is', 'is-not', 'in', 'not-in', 'gte', 'gt', 'lte', 'lt']);
    expect(operatorsOf('enum')).toEqual(['is', 'is-not', 'in', 'not-in']);
    expect(operatorsOf('set')).toEqual(['has', 'lacks', 'has-any', 'has-all', 'size-gte', 'size-lte', 'size-is']);
  });

  it('means in the runtime what each operator says, and unknown when the fact is missing', () => {
    const facts = { n: 3, m: 5, e: 'home', s: ['a', 'b'], b: true };
    const truth: [Record<string, unknown>, boolean][] = [
      [{ fact: 'b', is: true }, true],
      [{ fact: 'e', 'is-not': 'home' }, false],
      [{ fact: 'n', in: [1, 3] }, true],
      [{ fact: 'e', 'not-in': ['home'] }, false],
      [{ fact: 'n', gte: 3 }, true],
      [{ fact: 'n', gt: 3 }, false],
      [{ fact: 'n', lte: 2 }, false],
      [{ fact: 'n', lt: 4 }, true],
      [{ fact: 's', has: 'a' }, true],
      [{ fact: 's', lacks: 'a' }, false],
      [{ fact: 's', 'has-any': ['x', 'b'] }, true],
      [{ fact: 's', 'has-all': ['a', 'x'] }, false],
      [{ fact: 's', 'size-gte': 2 }, true],
      [{ fact: 's', 'size-lte': 1 }, false],
      [{ fact: 's', 'size-is': 2 }, true],
      [{ fact: 'n', 'lte-fact': 'm' }, true],
      [{ fact: 'n', 'lt-fact': 'm' }, true],
      [{ fact: 'n', 'gte-fact': 'm' }, false],
      [{ fact: 'n', 'gt-fact': 'm' }, false],
    ];
    // Every operator of the table has a case here.
    expect(names(OPERATORS)).toEqual([...new Set(truth.map(([atom]) => Object.keys(atom).find((k) => k !== 'fact')!))].sort());
    for (const [atom, expected] of truth) {
      expect([atom, evaluateCondition(conditionOf(atom), facts)]).toEqual([atom, expected]);
      expect(evaluateCondition(conditionOf({ ...atom, fact: 'missing' }), facts)).toBe('unknown');
    }
  });
});

describe('the relation scopes (SCOPES)', () => {
  it('are what the schema offers, so the model and the engine read every scope an analyst can write', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'tariff.schema.json'), 'utf8'));
    const offered = new Set<string>();
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'scope' && value && typeof value === 'object' && Array.isArray((value as { enum?: unknown }).enum))
        for (const s of (value as { enum: string[] }).enum) offered.add(s);
      return value;
    });
    expect([...offered]).toEqual([...SCOPES]);
  });
});

describe('the rejection reasons (REASONS)', () => {
  it('are what a scenario may expect, and each has words in both languages', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'scenario.schema.json'), 'utf8'));
    expect(schema.properties.expect.properties.rejected.additionalProperties.enum).toEqual([...REASONS]);
    for (const lang of ['ja', 'en']) {
      const bundle = JSON.parse(readFileSync(join(ROOT, 'core', 'analysis', 'l10n', `${lang}.json`), 'utf8')) as Record<string, string>;
      expect(REASONS.filter((r) => !bundle[`term.outcome.${r}`] || !bundle[`cli.reason.${r}`])).toEqual([]);
    }
  });
});
