// The fast reader for plain rule files must be invisible: wherever it gives a
// result, that result is the full parse's — same data, same spans in the same order, same
// document span and extent — and wherever the full parse reports a problem, it gives none.
// Checked on every bundled rule file, on random edits of them, and on YAML written from
// random data in every style the yaml library can write. Past the depth limit the reader
// declines and the full parse reports it once: both roads count the levels alike.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, type ToStringOptions } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlain } from '../core/analysis/plain-reader';
import { MAX_DEPTH } from '../core/analysis/deep-nesting';
import { parseComposed, parseWhole, type YamlDoc } from '../core/analysis/parse';
import { mutate, mutationsOver } from './support/mutations';

const RULES = join(__dirname, '..', 'rules');
const ruleFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? ruleFiles(path) : name.endsWith('.yaml') ? [path] : [];
  });
const files = ruleFiles(RULES);
const texts = files.map((f) => readFileSync(f, 'utf8'));

function comparable(doc: YamlDoc) {
  return {
    index: doc.index,
    value: doc.value,
    spans: [...doc.spans],
    broken: doc.broken,
    span: doc.span,
    extent: doc.extent,
    cuts: doc.cuts,
  };
}

/** What the reader gave: 'quick' (and equal to the full parse), or 'declined'. */
function compare(text: string): 'quick' | 'declined' {
  const quick = readPlain(text);
  const full = parseComposed('x.yaml', text);
  if (!quick) return 'declined';
  expect(full.findings, text).toEqual([]);
  expect(full.docs.length, text).toBe(1);
  expect(comparable(quick), text).toEqual(comparable(full.docs[0]!));
  return 'quick';
}

describe('the reader for plain rule files', () => {
  it('reads every bundled rule file, exactly as the full parse does', () => {
    expect(files.length).toBeGreaterThan(100);
    for (const [i, text] of texts.entries()) expect(compare(text), files[i]).toBe('quick');
  });

  it('on random edits of rule files, agrees with the full parse or declines, and declines every text with a problem', () => {
    const tally = { quick: 0, declined: 0, problems: 0 };
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.array(
          mutationsOver([
            ':',
            '-',
            ' ',
            '\n',
            '[',
            ']',
            '{',
            '}',
            ',',
            '?',
            '!',
            '|',
            '>',
            '"',
            "'",
            '\\',
            '&',
            '*',
            '#',
            '<',
            '@',
            '%',
            '\t',
            'a',
            '1',
            '注',
          ]),
          { minLength: 1, maxLength: 3 },
        ),
        (which, edits) => {
          const text = edits.reduce(mutate, texts[which]!);
          const outcome = compare(text);
          tally[outcome]++;
          if (parseComposed('x.yaml', text).findings.length > 0) tally.problems++;
        },
      ),
      { numRuns: 4000, seed: 11 },
    );
    // Both roads are taken often: most edits keep the text plain, many break it.
    expect(tally.quick).toBeGreaterThan(1000);
    expect(tally.problems).toBeGreaterThan(400);
  });

  it('agrees with the full parse on YAML written from random data in every style', () => {
    const key = fc.oneof(
      fc.constantFrom('id', 'name', 'when', 'all', '1', 'true', 'null', '~', '<<', '__proto__', 'a b', 'x:y', '#', '-', '注2'),
      fc.string({ maxLength: 4 }),
    );
    const scalar = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('1.0', '0x1F', '0o7', '.inf', 'yes', '2024-06-01', 'a: b', '- x', '# c', "it's", 'multi\nline', ' lead', 'trail '),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    }));
    const style = fc.record({
      flowLevel: fc.constantFrom(-1, 0, 1, 2),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    let quick = 0;
    fc.assert(
      fc.property(value, style, (data, options) => {
        const text = stringify(data, null, options as ToStringOptions);
        if (compare(text) === 'quick') quick++;
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(quick).toBeGreaterThan(1500);
  });

  it('declines each kind of text it does not read itself, and agrees on the plain ones', () => {
    const declined = [
      'a: [x, , y]\n',
      'a: [, x]\n',
      'a: [x,]\n',
      'a: {x: 1 y: 2}\n',
      'a: {x: 1, x: 2}\n',
      'a: { x }\n',
      'a: [x: 1]\n',
      'a: [x,\n  y]\n',
      'a: [x, # c\n  y]\n',
      '? a\n: b\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '<<: {b: 1}\n',
      '"<<": 1\n',
      'a: 1\na: 2\n',
      '1: x\n"1": y\n01: z\n',
      '- \n',
      'a: [x, ]\n',
      'a: { b: }\n',
      'a: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\tb\n',
      'a: 1\r\n',
      '"a"#c: 1\n',
      'a: "x"#c\n',
      'a: b: c\n',
      'a:\n  - 1\n - 2\n',
      '- a\n-b\n',
      'a\nb: 1\n',
      '@a: 1\n',
      'a: `x`\n',
      'a: "\\q"\n',
      'a: |x\n  b\n',
      '',
      '# only a comment\n',
      'a: 1\n...\n',
      // A scalar as the whole document: rule files are mappings.
      'scalar root\n',
      `${'k'.repeat(1100)}: 1\n`,
      // Nesting past the limit: the full parse reports it.
      `a: ${'['.repeat(100)}${']'.repeat(100)}\n`,
      `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
    ];
    for (const text of declined) expect(compare(text), JSON.stringify(text)).toBe('declined');
    const plain = [
      'a: 1 # c\nb: [x, "y", \'z\']\nc: { d: true, e: ~ }\n',
      'a:\n  - 1\n  - - 2\n    - 3\n# trailing\n',
      'text: |\n  one\n  two\n\nnext: >-\n  folded\n  line\n',
      '- id: A\n  name: x\n  # note\n- id: B\n',
      'key with spaces: "quoted: value"\n\'single\': 0x1F\nf: 1.50\ninf: .inf\n',
      '__proto__: 1\nconstructor: 2\n',
      'a: {}\nb: []\n',
      // Keys with no value yet, as while a rule is being written.
      'a:\n',
      'a:\nb: 1\n',
      'a: # c\nb: 1\n',
      'a:   \n',
      'a:\n\n',
      'x: 1\na:\n\n# c\n',
      '- a:\n  b:\n- c\n',
      'revision: R06\nitems:\n',
      // Every escape of double quotes.
      'a: "\\0\\a\\b\\e\\f\\n\\r\\t\\v\\N\\_\\L\\P\\ \\"\\/\\\\\\x41\\u00e9\\U0001F600"\n',
      'a:\n  b:\n    c: 1\n    # c\n  # b\n# a\n',
      `a: ${'['.repeat(99)}${']'.repeat(99)}\n`,
      `${'- '.repeat(100)}x\n`,
    ];
    for (const text of plain) expect(compare(text), JSON.stringify(text)).toBe('quick');
  });

  it('is what a whole parse uses for plain text, and the full parse still reports problems', () => {
    const plain = 'revision: R06\nitems: [{ id: A1, points: 10 }]\n';
    expect(parseWhole('x.tariff.yaml', plain)).toEqual({
      file: 'x.tariff.yaml',
      text: plain,
      kind: 'tariff',
      docs: [readPlain(plain)],
      findings: [],
    });
    const broken = 'revision: R06\nrevision: R04\n';
    expect(readPlain(broken)).toBeUndefined();
    expect(parseWhole('x.tariff.yaml', broken).findings.map((f) => f.code)).toEqual(['yaml-syntax']);
  });
});

/** The data as the parse gives it past the limit: collections deeper than `limit` levels read as null. */
function truncate(value: unknown, limit: number, level = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (level + 1 > limit) return null;
  if (Array.isArray(value)) return value.map((v) => truncate(v, limit, level + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncate(v, limit, level + 1)]));
}

/** How many collections nest at the deepest point of a value. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** The one nesting finding of a text (nested past the limit in one place), checked to be all there is, with the parse's document. */
function nestingFinding(text: string): { span: { start: number; end: number }; doc: YamlDoc } {
  const parsed = parseWhole('x.yaml', text);
  expect(
    parsed.findings.map((f) => [f.code, f.severity, f.message]),
    text.slice(0, 200),
  ).toEqual([['nesting-too-deep', 'error', { id: 'nesting-too-deep', args: { limit: MAX_DEPTH } }]]);
  expect(parsed.docs).toHaveLength(1);
  return { span: parsed.findings[0]!.span, doc: parsed.docs[0]! };
}

describe('nesting past the limit', () => {
  // Each style written `levels` deep: the text and where level MAX_DEPTH + 1 starts (the key that introduces it, or its first character).
  const styles: Record<string, (levels: number) => string> = {
    'block mappings': (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n',
    'block lists': (n) => `${'- '.repeat(n)}x\n`,
    'flow lists': (n) => `${'['.repeat(n)}${']'.repeat(n)}\n`,
    'flow mappings': (n) => `${'{ not: '.repeat(n - 1)}{ fact: a, is: true }${' }'.repeat(n - 1)}\n`,
    'block mappings around flow lists': (n) => `a:\n  b:\n    c: ${'['.repeat(n - 3)}${']'.repeat(n - 3)}\n`,
  };

  it('counts levels alike on both roads: at the limit the quick road reads the text, one level more the full parse reports it once', () => {
    for (const [name, write] of Object.entries(styles)) {
      expect(compare(write(MAX_DEPTH)), name).toBe('quick');
      expect(parseComposed('x.yaml', write(MAX_DEPTH)).findings, name).toEqual([]);
      const deeper = write(MAX_DEPTH + 1);
      expect(compare(deeper), name).toBe('declined');
      const { doc } = nestingFinding(deeper);
      expect(doc.broken, name).toBe(false);
      expect(doc.cuts, name).toHaveLength(1);
      expect(depthOf(doc.value), name).toBe(MAX_DEPTH);
    }
  });

  it('reports the thousands of levels that ran out of stack before: 900 `not:` in block and flow style, 10,000 flow lists and mappings', () => {
    const block =
      'when:\n' +
      Array.from({ length: 900 }, (_, i) => `${' '.repeat(i + 1)}not:`).join('\n') +
      `\n${' '.repeat(901)}fact: a\n${' '.repeat(901)}is: true\n`;
    // Each text with where level 101 begins: the key that introduces it, or its first character.
    const texts: [string, number][] = [
      // `when` is level 1, the mapping of line n level n + 1: the 100th `not:` introduces level 101.
      [block, block.split('\n').slice(0, 99).join('\n').length + 1 + 99],
      [`when: ${styles['flow mappings']!(900)}`, 'when: '.length + '{ not: '.length * 98 + '{ '.length],
      [`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'a: '.length + 99],
      [`a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 'a: '.length + '{a: '.length * 98 + '{'.length],
      [`- ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, '- '.length + 99],
    ];
    for (const [text, at] of texts) {
      expect(readPlain(text)).toBeUndefined();
      const { span, doc } = nestingFinding(text);
      expect(span.start, text.slice(0, 100)).toBe(at);
      expect(depthOf(doc.value)).toBe(MAX_DEPTH);
    }
    // Never closed as well: both are said.
    expect(parseWhole('x.yaml', `- ${'['.repeat(10_000)}\n`).findings.map((f) => f.code)).toEqual(['yaml-syntax', 'nesting-too-deep']);
  });

  it('reads YAML written from random data around the limit in every style as the data cut at the limit, with one finding and spans that hold the cut part', () => {
    const scalar = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('a: b', '- x', '# c', 'multi\nline'),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 3 }),
      ),
    }));
    // Wrapped in lists and mappings until it nests a few levels either side of the limit.
    const wrapped = fc
      .tuple(
        value,
        fc.integer({ min: MAX_DEPTH - 4, max: MAX_DEPTH + 3 }),
        fc.array(fc.boolean(), { minLength: MAX_DEPTH + 3, maxLength: MAX_DEPTH + 3 }),
      )
      .map(([inner, levels, kinds]) => {
        let data: unknown = inner;
        for (let i = 0; i < levels; i++) data = kinds[i] ? [data] : { [`k${i}`]: data };
        return data;
      });
    const style = fc.record({
      flowLevel: fc.constantFrom(-1, 0, 20, 60, 99, 101),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 80),
    });
    let past = 0;
    fc.assert(
      fc.property(wrapped, style, (data, options) => {
        const text = stringify(data, null, options as ToStringOptions);
        const parsed = parseWhole('x.yaml', text);
        const doc = parsed.docs[0]!;
        expect(doc.value).toEqual(truncate(data, MAX_DEPTH));
        if (depthOf(data) <= MAX_DEPTH) {
          expect(parsed.findings).toEqual([]);
          expect(doc.cuts).toEqual([]);
          return;
        }
        past++;
        // One finding for each list or mapping at the limit that holds parts past it.
        const holders = new Set(doc.cuts.map((c) => c.pointer.slice(0, c.pointer.lastIndexOf('/'))));
        expect(parsed.findings.map((f) => f.code)).toEqual([...holders].map(() => 'nesting-too-deep'));
        for (const cut of doc.cuts) {
          expect(doc.spans.get(cut.pointer)?.value).toEqual(cut.extent);
          // Every list and mapping around the cut part holds all of its text.
          for (let pointer = cut.pointer; pointer !== '';) {
            pointer = pointer.slice(0, pointer.lastIndexOf('/'));
            const around = doc.spans.get(pointer)!.value;
            expect(around.start <= cut.extent.start && around.end >= cut.extent.end, `${pointer} holds ${cut.pointer}`).toBe(true);
          }
        }
      }),
      { numRuns: 300, seed: 13 },
    );
    expect(past).toBeGreaterThan(50);
  });

  it('gives one finding for the parts past the limit that one list or mapping holds side by side, and one for each such list or mapping', () => {
    // `a` is level 1, its lists levels 2 to 100: the list at level 100 holds a thousand lists at level 101.
    const wide = `${'['.repeat(99)}${'[[1]], '.repeat(999)}[[1]]${']'.repeat(99)}`;
    const once = parseWhole('x.yaml', `a: ${wide}\n`);
    expect(once.findings.map((f) => f.code)).toEqual(['nesting-too-deep']);
    expect(once.docs[0]!.cuts).toHaveLength(1000);
    expect(parseWhole('x.yaml', `a: ${wide}\nb: ${wide}\n`).findings.map((f) => f.code)).toEqual(['nesting-too-deep', 'nesting-too-deep']);
  });

  it('cuts the parts past the limit that a merge key brings in, under the pointers they get there', () => {
    const text = `base: &b { x: ${'['.repeat(120)}${']'.repeat(120)} }\nc:\n  <<: *b\n`;
    const parsed = parseWhole('x.yaml', text);
    expect(parsed.findings.map((f) => f.code)).toEqual(['nesting-too-deep', 'nesting-too-deep']);
    const cuts = parsed.docs[0]!.cuts;
    expect(cuts.map((c) => c.pointer)).toEqual([`/base/x${'/0'.repeat(98)}`, `/c/x${'/0'.repeat(98)}`]);
    expect(text.slice(cuts[1]!.extent.start, cuts[1]!.extent.end)).toBe('*b');
  });

  it('leaves out an entry whose key is a list nested past the limit, and reports it at the key', () => {
    const key = `${'['.repeat(150)}${']'.repeat(150)}`;
    const { span, doc } = nestingFinding(`a: 1\n${key}: 2\nb: 3\n`);
    expect(span).toEqual({ start: 5, end: 5 + key.length });
    expect(doc.value).toEqual({ a: 1, b: 3 });
    // A key one level past the limit itself: a mapping at level 100 holds it.
    const atLimit = `${'{ a: '.repeat(99)}{ [x]: 1, b: 2 }${' }'.repeat(99)}`;
    const { doc: inner } = nestingFinding(`${atLimit}\n`);
    expect(JSON.stringify(inner.value)).toContain('{"b":2}');
  });

  it('cuts data that aliases nest past the limit, and reports it at the alias', () => {
    const text = `a: &a ${'['.repeat(60)}1${']'.repeat(60)}\nb: ${'['.repeat(60)}*a${']'.repeat(60)}\n`;
    const { span, doc } = nestingFinding(text);
    expect(text.slice(span.start, span.end)).toBe('*a');
    expect(depthOf(doc.value)).toBe(MAX_DEPTH);
  });
});
