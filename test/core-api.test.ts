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
  const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: [] });
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('rules core API', () => {
  it('makes a wrong fact name a compile-time error, and accepts correct facts', () => {
    const head = "import { evaluate } from '../../core/index';\n";
    expect(typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physician': true } });\n`)).toEqual([]);
    const wrong = typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'guidance.home-physican': true } });\n`);
    expect(wrong.join('\n')).toMatch(/guidance\.home-physican/);
    const badEnum = typeErrors(`${head}evaluate({ revision: 'R06', date: '2024-07-10', facts: { 'ward.type': 'icu' } });\n`);
    expect(badEnum.join('\n')).toMatch(/icu/);
  }, 60_000);

  it('returns error objects for bad input instead of throwing', () => {
    const bad = (input: unknown) => evaluate(input as Parameters<typeof evaluate>[0]);
    expect(bad({ revision: 'R99', date: '2024-07-10', facts: {} })).toMatchObject({ errors: [{ code: 'unknown-revision', path: 'revision' }] });
    expect(bad({ revision: 'R06', date: '2024-07-32', facts: {} })).toMatchObject({ errors: [{ code: 'bad-date', path: 'date' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: { 'no.such': 1 } })).toMatchObject({ errors: [{ code: 'unknown-fact', path: 'facts.no.such' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: { 'patient.age': 'old' } })).toMatchObject({ errors: [{ code: 'fact-type', path: 'facts.patient.age' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: {}, request: ['B999'] })).toMatchObject({ errors: [{ code: 'unknown-item', path: 'request[0]' }] });
    expect(bad(null)).toMatchObject({ errors: [{ code: 'unknown-revision' }] });
    expect(bad({ revision: 'R06', date: '2024-07-10', facts: 'none' })).toMatchObject({ errors: [{ code: 'bad-input', path: 'facts' }] });
  });

  it('decides the B005 注2/注3 case with reasons and citations', () => {
    const result = evaluate({
      revision: 'R06',
      date: '2024-07-10',
      admission: { from: '2024-06-20', to: '2024-07-10' },
      facts: { 'guidance.hospital-staff': ['physician', 'nurse'], 'guidance.home-physician': true, 'guidance.home-parties': ['home-medical', 'visiting-nurse-station', 'care-manager'] },
      request: ['B005', 'B005-n2', 'B005-n3'],
    });
    expect(result).toMatchObject({
      claimable: [{ id: 'B005', amount: 400, unit: 'points' }, { id: 'B005-n3', amount: 2000, unit: 'points' }],
      rejected: [{ id: 'B005-n2', reason: 'overridden', by: 'B005-n3', source: { clause: 'B005 注3' } }],
      total: { points: 2400, units: 0, yen: 0 },
    });
  });
});
