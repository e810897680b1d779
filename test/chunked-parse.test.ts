// Item-by-item parsing must be invisible: for tariff files in the usual shape it gives the
// same data, spans, findings and schema findings (validated item by item) as parsing the
// whole file — on every bundled rule file and on thousands of edited variants of them, and
// where lists and mappings nest past the depth limit — and a cache of chunk parses changes nothing.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkTariff, type ChunkCache } from '../core/analysis/chunked-parse';
import { fileKindOf } from '../core/analysis/file-kind';
import { parseFile, parseWhole, type ParsedFile } from '../core/analysis/parse';
import { validateFile } from '../core/analysis/schema';
import type { Finding } from '../core/analysis/types';

const RULES = join(__dirname, '..', 'rules', 'R06');
const files = ['medical', 'care', 'nursing'].flatMap((dir) =>
  readdirSync(join(RULES, dir))
    .filter((f) => fileKindOf(f) === 'tariff')
    .map((f) => join(RULES, dir, f)),
);

function comparable(parsed: ParsedFile) {
  const byPlace = (a: Finding, b: Finding) =>
    a.span.start - b.span.start || a.span.end - b.span.end || JSON.stringify(a.message).localeCompare(JSON.stringify(b.message));
  return {
    findings: parsed.findings.map((f) => ({ code: f.code, span: f.span, message: f.message })),
    schema: validateFile(parsed).sort(byPlace),
    docs: parsed.docs.map((d) => ({
      value: d.value,
      broken: d.broken,
      span: d.span,
      cuts: d.cuts,
      spans: [...d.spans].sort(([a], [b]) => (a < b ? -1 : 1)),
    })),
  };
}

describe('item-by-item parsing', () => {
  it('applies to every bundled tariff file and matches the whole-file parse', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(chunkTariff(text), file).toBeDefined();
      expect(comparable(parseFile(file, text)), file).toEqual(comparable(parseWhole(file, text)));
    }
  });

  it('matches the whole-file parse on valid edits of the bundled files, with and without a cache', () => {
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const cache: ChunkCache = new Map();
    let compared = 0;
    let withSchemaFindings = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.nat(),
        fc.constantFrom(
          '    aliases: [x]\n',
          '    points: 12\n',
          '    pointz: 12\n',
          '    limit: { times: 0, per: week }\n',
          '      - { fact: x, gte: 1, lte: 2 }\n',
          '  - id: Z9\n    name: z\n    points: 1\n',
          '\n',
          '    # note\n',
          '# a comment at column 0\n',
        ),
        (which, at, insert) => {
          const text = texts[which]!;
          const lines = text.split('\n');
          const line = at % lines.length;
          const edited = [...lines.slice(0, line), insert.replace(/\n$/, ''), ...lines.slice(line)].join('\n');
          const whole = parseWhole('x.tariff.yaml', edited);
          // Only texts YAML reads without errors are comparable: an error is reported per chunk.
          if (whole.findings.length > 0 || !chunkTariff(edited)) return;
          compared++;
          const expected = comparable(whole);
          if (expected.schema.length > 0) withSchemaFindings++;
          expect(comparable(parseFile('x.tariff.yaml', edited, cache))).toEqual(expected);
          expect(comparable(parseFile('x.tariff.yaml', edited))).toEqual(expected);
        },
      ),
      { numRuns: 1000, seed: 3 },
    );
    expect(compared).toBeGreaterThan(300);
    expect(withSchemaFindings).toBeGreaterThan(40);
  });

  it('finds nesting past the limit where the whole-file parse does, in the header and inside items', () => {
    const item = (id: string, when: string) => `  - id: ${id}\n    name: x\n    points: 1\n    when: ${when}\n`;
    const lists = (n: number) => `${'['.repeat(n)}{ fact: a, is: true }${']'.repeat(n)}`;
    const head = 'revision: R06\nscheme: medical\n';
    // The item's own list is the file's `items`: level 2, its mapping level 3, `when` from level 4.
    const texts = [
      `${head}items:\n${item('A', lists(96))}${item('B', lists(97))}${item('C', lists(10_000))}`,
      `${head}source: ${'{ doc: '.repeat(200)}x${' }'.repeat(200)}\nitems:\n${item('A', lists(97))}`,
      `${head}items:\n${item('A', `\n${Array.from({ length: 120 }, (_, i) => `${' '.repeat(6 + i)}not:`).join('\n')} { fact: a, is: true }`)}${item('B', 'x')}`,
    ];
    for (const text of texts) {
      expect(chunkTariff(text)).toBeDefined();
      const whole = comparable(parseWhole('x.tariff.yaml', text));
      expect(whole.findings.filter((f) => f.code === 'nesting-too-deep').length).toBeGreaterThan(0);
      expect(comparable(parseFile('x.tariff.yaml', text))).toEqual(whole);
    }
  });
});
