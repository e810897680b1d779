// Item-by-item parsing must be invisible: for tariff files in the usual shape it gives the
// same data, spans, findings and schema findings (validated item by item) as parsing the
// whole file — on every bundled rule file and on thousands of edited variants of them — and
// a cache of chunk parses changes nothing.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkTariff, type ChunkCache } from '../core/analysis/chunked-parse';
import { parseFile, parseWhole, type ParsedFile } from '../core/analysis/parse';
import { validateFile } from '../core/analysis/schema';
import type { Finding } from '../core/analysis/types';

const RULES = join(__dirname, '..', 'rules', 'R06');
const files = ['medical', 'care', 'nursing'].flatMap((dir) => readdirSync(join(RULES, dir)).map((f) => join(RULES, dir, f)));

function comparable(parsed: ParsedFile) {
  const byPlace = (a: Finding, b: Finding) => a.span.start - b.span.start || a.span.end - b.span.end || JSON.stringify(a.message).localeCompare(JSON.stringify(b.message));
  return {
    findings: parsed.findings.map((f) => ({ code: f.code, span: f.span, message: f.message })),
    schema: validateFile(parsed).sort(byPlace),
    docs: parsed.docs.map((d) => ({ value: d.value, broken: d.broken, span: d.span, spans: [...d.spans].sort(([a], [b]) => (a < b ? -1 : 1)) })),
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
      fc.property(fc.nat({ max: texts.length - 1 }), fc.nat(), fc.constantFrom('    aliases: [x]\n', '    points: 12\n', '    pointz: 12\n', '    limit: { times: 0, per: week }\n', '      - { fact: x, gte: 1, lte: 2 }\n', '  - id: Z9\n    name: z\n    points: 1\n', '\n', '    # note\n', '# a comment at column 0\n'), (which, at, insert) => {
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
      }),
      { numRuns: 1000, seed: 3 },
    );
    expect(compared).toBeGreaterThan(300);
    expect(withSchemaFindings).toBeGreaterThan(40);
  });
});
