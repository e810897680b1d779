// A focused analysis (the findings of one file, which the language server shows first after
// an edit) must say exactly what the whole analysis says in that file, and the whole analysis
// done in portions of files (as the language server does it) must say what it says at once. Held on every check
// fixture, on the bundled rules with their official texts, on random rule sets spread over
// several files, and on a model put together again after an edit (definitions reused).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analysisSteps, analyze, analyzeParsed, modelOf, type AnalyzeOptions, type SourceFile } from '../core/analysis/analyze';
import { runToEnd } from '../core/analysis/steps';
import { useCounts } from '../core/ide/symbols';
import { lawLibrary } from '../core/analysis/law/library';
import { parseFile, type ParsedFile } from '../core/analysis/parse';
import type { Finding } from '../core/analysis/types';
import { diskTextReader, readRuleFiles } from '../core/workspace-files';
import { materialize, readFixture } from './support/fixture';
import { randomRuleSet } from './support/random-rules';

const FIXTURES = join(__dirname, 'fixtures', 'check');

describe('focused analysis', () => {
  it('says what the whole analysis says, file by file, in every check fixture', () => {
    const names = readdirSync(FIXTURES).filter((name) => name.endsWith('.fixture'));
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const root = materialize(readFixture(join(FIXTURES, name)), join(FIXTURES, '_base'));
      const { sources } = readRuleFiles([root]);
      expectSameInEachFile(sources, { law: lawLibrary(diskTextReader()) }, name);
      // The same with each tariff file's items dealt into two files: most fixtures hold one.
      expectSameInEachFile(spreadSources(sources, 2), { law: lawLibrary(diskTextReader()) }, `${name} (spread)`);
    }
  });

  it('says what the whole analysis says in each file of the bundled rules', () => {
    const { sources } = readRuleFiles([join(__dirname, '..', 'rules')]);
    expectSameInEachFile(sources, { law: lawLibrary(diskTextReader()) }, 'rules');
    expectSameInEachFile(spreadSources(sources, 3), { law: lawLibrary(diskTextReader()) }, 'rules (spread)');
  });

  it('says what the whole analysis says on random rule sets spread over several files', () => {
    fc.assert(
      fc.property(randomRuleSet('R1'), fc.integer({ min: 1, max: 3 }), ({ files }, parts) => {
        expectSameInEachFile(
          spreadSources(
            [...files].map(([path, text]) => ({ file: `/ws/${path}`, text })),
            parts,
          ),
          {},
          'random',
        );
      }),
      { numRuns: 150 },
    );
  });

  it('finds an overrides cycle that runs through other files', () => {
    const item = (id: string, next: string) => `  - { id: ${id}, name: ${id}, points: 100, overrides: [${next}] }\n`;
    const sources = r1Workspace({ a: item('A', 'B'), b: item('B', 'C'), c: item('C', 'A') });
    const cycles = analyze(sources).findings.filter((f) => f.code === 'exclusion-conflict');
    expect(cycles.map((f) => f.file)).toEqual(['/ws/R1/a.tariff.yaml', '/ws/R1/b.tariff.yaml', '/ws/R1/c.tariff.yaml']);
    expectSameInEachFile(sources, {}, 'cycle');
  });

  it('reads workspace order anew after an edit, though other files keep their definitions', () => {
    // A excludes D, both 100 points: the one earlier in workspace order (files by path) is kept.
    const sources = r1Workspace({
      a: '  - { id: B, name: B, points: 100 }\n  - { id: A, name: A, points: 100, excludes: [D] }\n',
      b: '  - { id: D, name: D, points: 100 }\n',
    });
    const parsed = sources.map((s) => parseFile(s.file, s.text));
    const kept = (findings: readonly Finding[]) =>
      findings
        .filter((f) => f.code === 'exclusion-overlap')
        .map((f) => `${JSON.stringify(f.message.args?.a)}/${JSON.stringify(f.message.args?.b)}→${String(f.data?.keeps)}`);
    expect(kept(analyzeParsed(parsed).findings)).toEqual(['"A"/"D"→A']);
    // Two items written before A: the second file is not parsed again, and A is still kept.
    const edited = reparsed(parsed, 'a', (text) =>
      text.replace('items:\n', 'items:\n  - { id: Y, name: Y, points: 1 }\n  - { id: Z, name: Z, points: 1 }\n'),
    );
    const whole = analyzeParsed(edited).findings;
    expect(kept(whole)).toEqual(['"A"/"D"→A']);
    for (const file of edited) {
      const focused = analyzeParsed(edited, { focus: { files: new Set([file.file]) } }).findings;
      expect(render(focused)).toBe(render(whole.filter((f) => f.file === file.file)));
    }
  });

  it('keeps workspace order while the symbols of a file are read (as code lenses do between steps)', () => {
    // A excludes D, both 100 points: A, earlier in workspace order, is kept.
    const sources = r1Workspace({
      a: '  - { id: B, name: B, points: 100 }\n  - { id: A, name: A, points: 100, excludes: [D] }\n',
      b: '  - { id: D, name: D, points: 100 }\n',
    });
    const model = modelOf(sources.map((s) => parseFile(s.file, s.text)));
    useCounts(model.workspace);
    const kept = runToEnd(analysisSteps(model))
      .findings.filter((f) => f.code === 'exclusion-overlap')
      .map((f) => f.data?.keeps);
    expect(kept).toEqual(['A']);
  });

  it('sees an edit in a third file that changes when a related item applies', () => {
    // A excludes D; D adds to P, in a third file. Once P applies only when D cannot, A and D never clash.
    const sources = r1Workspace(
      {
        a: '  - { id: A, name: A, points: 100, excludes: [D] }\n',
        b: '  - { id: D, name: D, points: 10, addition-to: P, when: { fact: b, is: true } }\n',
        c: '  - { id: P, name: P, points: 10 }\n',
      },
      'facts:\n  - { name: b, type: boolean, label: b }\n',
    );
    const parsed = sources.map((s) => parseFile(s.file, s.text));
    const codes = (findings: readonly Finding[]) => findings.map((f) => f.code).filter((c) => c.startsWith('exclusion'));
    // Analysed twice, as the language server does: clashes are kept from a vocabulary's second analysis on.
    analyzeParsed(parsed);
    expect(codes(analyzeParsed(parsed).findings)).toEqual(['exclusion-overlap']);
    const edited = reparsed(parsed, 'c', (text) => text.replace('points: 10 }', 'points: 10, when: { fact: b, is: false } }'));
    const whole = analyzeParsed(edited).findings;
    expect(codes(whole)).toEqual(['exclusion-unneeded']);
    expect(render(whole)).toBe(render(analyze(edited.map((p) => ({ file: p.file, text: p.text }))).findings));
  });

  it('mends the index of ids in workspace order when an earlier file defining a shared id is edited', () => {
    // X is defined in a.tariff.yaml and again in b.tariff.yaml: A's relation is with the first, in a.
    const sources = r1Workspace({
      a: '  - { id: X, name: X1, points: 100 }\n',
      b: '  - { id: X, name: X2, points: 300 }\n',
      c: '  - { id: A, name: A, points: 200, excludes: [X] }\n',
    });
    const first = modelOf(sources.map((s) => parseFile(s.file, s.text)));
    runToEnd(analysisSteps(first));
    const parsed = reparsed(first.files, 'a', (text) => text.replace('points: 100', 'points: 150'));
    const mended = runToEnd(analysisSteps(modelOf(parsed, undefined, first))).findings;
    const kept = mended.filter((f) => f.code === 'exclusion-overlap').map((f) => f.data?.keeps);
    expect(kept).toEqual(['A']);
    expect(render(mended)).toBe(render(analyze(parsed.map((p) => ({ file: p.file, text: p.text }))).findings));
  });

  it('says the same from a model mended from the previous one as from a fresh model, edit after edit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(randomRuleSet('R1'), fc.nat()), { minLength: 2, maxLength: 4 }), (edits) => {
        // Each step replaces one of three tariff files with that file of another random rule set.
        let texts = new Map(spreadSources(files(edits[0]![0].files), 3).map((s) => [s.file, s.text]));
        let model = modelOf([...texts].map(([file, text]) => parseFile(file, text)));
        runToEnd(analysisSteps(model));
        for (const [set, pick] of edits.slice(1)) {
          const next = spreadSources(files(set.files), 3).filter((s) => s.file.endsWith('.tariff.yaml'))[pick % 3]!;
          texts = new Map(texts).set(next.file, next.text);
          const parsed = model.files.map((p) => (p.file === next.file ? parseFile(next.file, next.text) : p));
          model = modelOf(parsed, undefined, model);
          const mended = runToEnd(analysisSteps(model)).findings;
          const fresh = analyze([...texts].map(([file, text]) => ({ file, text }))).findings;
          expect(render(mended)).toBe(render(fresh));
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** The analysis focused on each file in turn, against the whole analysis's findings in that file. */
function expectSameInEachFile(sources: readonly SourceFile[], options: AnalyzeOptions, name: string): void {
  const whole = analyze(sources, options).findings;
  // The whole analysis done a few items at a time (as the language server does it) says the same.
  expect(render(analyze(sources, { ...options, portion: 2 }).findings), `${name}: in portions`).toBe(render(whole));
  for (const { file } of sources) {
    const focused = analyze(sources, { ...options, focus: { files: new Set([file]) } }).findings;
    expect(render(focused), `${name}: ${file}`).toBe(render(whole.filter((f) => f.file === file)));
  }
}

/**
 * The files with the items of each tariff file dealt round-robin into `parts` files (written
 * as JSON, which is YAML), beside the original; a file YAML cannot read is kept as it is.
 */
function spreadSources(sources: readonly SourceFile[], parts: number): SourceFile[] {
  return sources.flatMap((source) => {
    if (!source.file.endsWith('.tariff.yaml')) return [source];
    let data: unknown;
    try {
      data = parse(source.text);
    } catch {
      return [source];
    }
    if (typeof data !== 'object' || data === null || !Array.isArray((data as { items?: unknown }).items)) return [source];
    const { items, ...header } = data as { items: unknown[] };
    return Array.from({ length: parts }, (_, k) => ({
      file: source.file.replace('.tariff.yaml', `-${k}.tariff.yaml`),
      text: JSON.stringify({ ...header, items: items.filter((_, i) => i % parts === k) }),
    }));
  });
}

/** A workspace of revision R1 (medical) with a tariff file `R1/<name>.tariff.yaml` per entry (its items as lines). */
function r1Workspace(tariffs: Record<string, string>, facts = 'facts: []\n'): SourceFile[] {
  return [
    { file: '/ws/revisions.yaml', text: 'revisions: [{ id: R1, effective: { medical: 2024-06-01 } }]\n' },
    { file: '/ws/facts.yaml', text: facts },
    ...Object.entries(tariffs).map(([name, items]) => ({
      file: `/ws/R1/${name}.tariff.yaml`,
      text: `revision: R1\nscheme: medical\nitems:\n${items}`,
    })),
  ];
}

/** The parses with the tariff file `name` parsed again from its changed text, the others as they were. */
function reparsed(parsed: readonly ParsedFile[], name: string, change: (text: string) => string): ParsedFile[] {
  return parsed.map((p) => (p.file === `/ws/R1/${name}.tariff.yaml` ? parseFile(p.file, change(p.text)) : p));
}

/** A random rule set's files as sources. */
function files(set: ReadonlyMap<string, string>): SourceFile[] {
  return [...set].map(([path, text]) => ({ file: `/ws/${path}`, text }));
}

function render(findings: readonly Finding[]): string {
  return findings.map((f) => JSON.stringify(f)).join('\n');
}
