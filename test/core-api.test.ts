// The compiled rules core as downstream code uses it: `evaluate` from core/index.ts. Wrong
// fact names are compile-time errors (checked here with the TypeScript compiler on a small
// program), and bad input at run time returns an error object instead of throwing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../core/index';

const OUT = join(__dirname, '..', 'test-output', 'types');

function typeErrors(source: string): string[] {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `case-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('rules core API', () => {
  it('makes a wrong fact name a compile-time error, and accepts correct facts', () => {
    const head = "import { evaluate } from '../../core/index';\n";
    expect(typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physician': true } });\n`)).toEqual(
      [],
    );
    const wrong = typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physican': true } });\n`);
    expect(wrong.join('\n')).toMatch(/guidance\.home-physican/);
    const badEnum = typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'ward.type': 'icu' } });\n`);
    expect(badEnum.join('\n')).toMatch(/icu/);
  }, 60_000);

  it('returns error objects for bad input instead of throwing', () => {
    const bad = (input: unknown) => evaluate(input as Parameters<typeof evaluate>[0]);
    expect(bad({ revision: 'R99', date: '2024-07-10', facts: {} })).toMatchObject({
      errors: [{ code: 'unknown-revision', path: 'revision' }],
    });
    expect(bad({ revision: 'R06', date: '2024-07-32', facts: {} })).toMatchObject({ errors: [{ code: 'bad-date', path: 'date' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: { 'no.such': 1 } })).toMatchObject({
      errors: [{ code: 'unknown-fact', path: 'facts.no.such' }],
    });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: { 'patient.age': 'old' } })).toMatchObject({
      errors: [{ code: 'fact-type', path: 'facts.patient.age' }],
    });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: {}, request: ['B999'] })).toMatchObject({
      errors: [{ code: 'unknown-item', path: 'request[0]' }],
    });
    // Not an episode at all: said as such, not as a missing revision.
    for (const notAnObject of [null, [], 'R06'])
      expect(bad(notAnObject)).toMatchObject({
        errors: [{ code: 'bad-input', path: '', message: expect.stringMatching(/must be an object/) }],
      });
    expect(bad({ date: '2024-07-10' })).toMatchObject({ errors: [{ code: 'unknown-revision', path: 'revision' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: 'none' })).toMatchObject({ errors: [{ code: 'bad-input', path: 'facts' }] });
  });

  it("accepts only the claimants the revision's items name, on the short path and the general one", () => {
    const bad = (input: unknown) => evaluate(input as Parameters<typeof evaluate>[0]);
    for (const claimant of ['hospitl', 7, null, '']) {
      for (const request of [undefined, ['B005']]) {
        const outcome = bad({ revision: 'R06', date: '2024-07-10', facts: {}, claimant, ...(request ? { request } : {}) });
        expect(outcome).toEqual({
          errors: [
            {
              code: 'unknown-claimant',
              path: 'claimant',
              message: expect.stringContaining('one of care-office, nursing-station, hospital, home-care (the claimants'),
            },
          ],
        });
      }
    }
    // R04 has rules for hospitals and home-care clinics only.
    expect(bad({ revision: 'R04', date: '2023-07-10', facts: {}, claimant: 'care-office' })).toMatchObject({
      errors: [{ code: 'unknown-claimant', message: expect.stringContaining('hospital, home-care') }],
    });
    expect(evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, claimant: 'care-office' })).not.toHaveProperty('errors');
  });

  it('finds revisions among its own entries only', () => {
    for (const revision of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 7, 10n, Symbol('R06'), { toString: () => 'R06' }]) {
      const outcome = evaluate({ revision, date: '2024-07-10', facts: {} } as never);
      expect(outcome).toEqual({
        errors: [{ code: 'unknown-revision', path: 'revision', message: expect.stringContaining('(compiled: R03, R04, R06)') }],
      });
    }
  });

  it('reports values that JSON cannot hold, anywhere in the input, instead of throwing', () => {
    const circular: Record<string, unknown> = { id: 'B005' };
    circular.self = circular;
    const list: unknown[] = ['physician'];
    list.push(list);
    const cases: [string, Record<string, unknown>, string][] = [
      ['a BigInt fact', { facts: { 'patient.age': 80n } }, 'facts.patient.age'],
      ['a BigInt beside the known fields', { note: { count: 1n } }, 'note.count'],
      ['a function', { facts: { 'patient.age': () => 80 } }, 'facts.patient.age'],
      ['a symbol', { claimant: Symbol('hospital') }, 'claimant'],
      ['NaN', { facts: { 'patient.age': Number.NaN } }, 'facts.patient.age'],
      ['Infinity', { admission: { from: '2024-07-01', days: Infinity } }, 'admission.days'],
      ['a circular history claim', { history: [circular] }, 'history[0].self'],
      ['a circular set', { facts: { 'guidance.hospital-staff': list } }, 'facts.guidance.hospital-staff[1]'],
      ['a hole in a list', { request: ['B005', , 'B005-n2'] }, 'request[1]'],
      ['undefined in a list', { facts: { 'guidance.hospital-staff': [undefined] } }, 'facts.guidance.hospital-staff[0]'],
      ['an object of a class', { date: new Date('2024-07-10') }, 'date'],
      ['a Map', { facts: new Map([['patient.age', 80]]) }, 'facts'],
    ];
    for (const [what, extra, path] of cases) {
      const outcome = evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, ...extra } as never);
      expect(outcome, what).toEqual({ errors: [{ code: 'bad-input', path, message: expect.stringMatching(/JSON/) }] });
    }
  });

  it('lists at most 100 errors and stops early on long lists', () => {
    const history = Array.from({ length: 250 }, (_, i) => ({ id: `NOPE-${i}`, date: '2024-07-01' }));
    const outcome = evaluate({ revision: 'R06', date: '2024-07-10', facts: {}, history } as never);
    expect('errors' in outcome && outcome.errors.length).toBe(101);
    if (!('errors' in outcome)) return;
    expect(outcome.errors[99]).toMatchObject({ code: 'unknown-item', path: 'history[99].id' });
    expect(outcome.errors[100]).toEqual({ code: 'bad-input', path: '', message: '150 more errors are not listed' });
    // Ten million empty slots: one error about the length, found without visiting them.
    const input = { revision: 'R06', date: '2024-07-10', facts: {}, history: new Array(10_000_000) };
    const started = performance.now();
    const sparse = evaluate(input as never);
    expect(performance.now() - started).toBeLessThan(100);
    expect(sparse).toEqual({
      errors: [{ code: 'bad-input', path: 'history', message: 'history has 10000000 entries; at most 10000 are accepted' }],
    });
  });

  it('decides the B005 注2/注3 case with reasons and citations', () => {
    const result = evaluate({
      revision: 'R06',
      date: '2024-07-10',
      admission: { from: '2024-06-20', to: '2024-07-10' },
      facts: {
        'discharge.destination': 'home',
        'admission.a246-claimed': false,
        'guidance.hospital-staff': ['physician', 'nurse'],
        'guidance.home-physician': true,
        'guidance.home-parties': ['home-medical', 'visiting-nurse-station', 'care-manager'],
      },
      request: ['B005', 'B005-n2', 'B005-n3'],
    });
    expect(result).toMatchObject({
      claimable: [
        { id: 'B005', amount: 400, unit: 'points' },
        { id: 'B005-n3', amount: 2000, unit: 'points' },
      ],
      rejected: [{ id: 'B005-n2', reason: 'overridden', by: 'B005-n3', source: { clause: 'B005 注3' } }],
      total: { points: 2400, units: 0, yen: 0 },
    });
  });
});
