// The clause index over the four official texts the bundled rules cite (R04 and R06, 告示 and
// 通知): every 区分 heading a plain look at the text sees is in the index, every clause a
// bundled rule cites is found, and the passages say what the rules say (B005 注3 is 2,000
// points). The test prints per text what it found and how long the index took to build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveCitation } from '../core/analysis/law/citation';
import { buildClauseIndex, type ClauseIndex, type Passage, type Section } from '../core/analysis/law/clause-index';
import type { LawTextKind } from '../core/analysis/law/clause-names';
import { exclusionSentences } from '../core/analysis/law/exclusion-sentences';

const RULES = join(__dirname, '..', 'rules');
const REVISIONS = ['R04', 'R06'] as const;
type Revision = (typeof REVISIONS)[number];

const sources = new Map<string, string>();
const indexes = new Map<string, { index: ClauseIndex; ms: number; again: number }>();

function source(revision: Revision, kind: LawTextKind): string {
  const path = join(RULES, 'sources', revision, `ika-${kind}.txt`);
  if (!sources.has(path)) sources.set(path, readFileSync(path, 'utf8'));
  return sources.get(path)!;
}

/**
 * Each text's index, built as its callers build it: lazily, the first time it is asked for.
 * It is built a second time to show the time once the code is warm (the first build in a
 * process also compiles the reader).
 */
function built(revision: Revision, kind: LawTextKind): { index: ClauseIndex; ms: number; again: number } {
  const key = `${revision}/${kind}`;
  if (!indexes.has(key)) {
    const text = source(revision, kind);
    const start = performance.now();
    const index = buildClauseIndex(text, kind);
    const ms = performance.now() - start;
    const restart = performance.now();
    buildClauseIndex(text, kind);
    indexes.set(key, { index, ms, again: performance.now() - restart });
  }
  return indexes.get(key)!;
}

const texts = (revision: Revision) => ({ kokuji: built(revision, 'kokuji').index, tsuchi: built(revision, 'tsuchi').index });

/**
 * The lines that look like a 区分 heading, found without the parser: a line that begins with a
 * full-width letter and three full-width digits, at the heading's column (2 in the 告示; at most
 * 12 in the 通知, whose paragraphs begin further in). The code is the run of letters, digits
 * and dashes at the start, made half-width.
 */
function headingLines(text: string, kind: LawTextKind): { line: number; code: string; text: string }[] {
  const looks = kind === 'kokuji' ? /^ {2}[Ａ-Ｚ][０-９]{3}/ : /^ {1,12}[Ａ-Ｚ][０-９]{3}/;
  return text.split('\n').flatMap((line, number) => {
    if (!looks.test(line)) return [];
    const code = /[Ａ-Ｚ][０-９]{3}(?:[－―-][０-９0-9]+)*/.exec(line)![0].normalize('NFKC').replace(/[―－]/g, '-');
    return [{ line: number, code, text: line.trim() }];
  });
}

/**
 * The heading lines the index does not serve, less the known exceptions: a range of deleted
 * 区分 (「Ａ２０１からＡ２０３まで  削除」) names codes it does not print, and is left out of the
 * index on purpose.
 */
function missingHeadings(lines: ReturnType<typeof headingLines>, index: ClauseIndex) {
  const missing = lines.filter((line) => !index.sections.has(line.code));
  return {
    ranges: missing.filter((line) => DELETED_RANGE.test(line.text)),
    unexplained: missing.filter((line) => !DELETED_RANGE.test(line.text)),
  };
}

const DELETED_RANGE = /^[Ａ-Ｚ][０-９]{3}\S*から[Ａ-Ｚ][０-９]{3}\S*まで\s+削除$/;

function distinctSections(index: ClauseIndex): Section[] {
  return [...new Set(index.sections.values())];
}

function countPassages(index: ClauseIndex, counted: (passage: Passage) => boolean): number {
  const walk = (passage: Passage): number => Number(counted(passage)) + passage.children.reduce((sum, child) => sum + walk(child), 0);
  return distinctSections(index).reduce((sum, section) => sum + walk(section.passage), 0);
}

describe.each(REVISIONS.flatMap((revision) => (['kokuji', 'tsuchi'] as const).map((kind) => [revision, kind] as const)))(
  '%s %s',
  (revision, kind) => {
    it('has every heading a plain look sees, and prints what it found', () => {
      const { index, ms, again: rebuilt } = built(revision, kind);
      const lines = headingLines(source(revision, kind), kind);
      const { ranges, unexplained } = missingHeadings(lines, index);
      const seen = new Set(lines.map((line) => line.code));
      const sections = distinctSections(index);
      const beyond = [...index.sections.keys()].filter((code) => !seen.has(code));
      // A 区分 the 通知 heads twice (in a group, then alone) is found under its first heading.
      const again = lines.filter((line) => index.sections.has(line.code) && index.sections.get(line.code)!.passage.line !== line.line);
      const exclusions = sections.flatMap(exclusionSentences);
      const named = new Set(exclusions.flatMap((sentence) => sentence.named.map((clause) => clause.section)));
      console.log(
        [
          `${revision}/ika-${kind}.txt (${(Buffer.byteLength(source(revision, kind)) / 1e6).toFixed(1)} MB): index built in ${ms.toFixed(0)} ms (again: ${rebuilt.toFixed(0)} ms)`,
          `  headings: ${lines.length} lines look like one, ${sections.length} sections in the index serving ${index.sections.size} codes`,
          `  not in the index: ${ranges.length} deleted ranges (${ranges.map((line) => line.code).join(', ')}), ${unexplained.length} others`,
          `  headed again, found under the first heading: ${again.length} (${again.map((line) => `${line.code} on line ${line.line + 1}`).join(', ')})`,
          `  codes the plain look misses (a second code in a heading, a heading that wraps): ${beyond.length} (${beyond.join(', ')})`,
          kind === 'kokuji'
            ? `  注: ${countPassages(index, (passage) => /(?:^| )注\d*$/.test(passage.part))}, passages: ${countPassages(index, () => true)}`
            : `  通知 paragraphs: ${countPassages(index, (passage) => /^通知\S+$/.test(passage.part))}, passages: ${countPassages(index, () => true)}`,
          `  exclusion sentences: ${exclusions.length}, naming ${named.size} distinct 区分`,
        ].join('\n'),
      );
      expect(unexplained).toEqual([]);
      expect(again.length).toBeLessThan(3);
      expect(sections.length).toBeGreaterThan(1000);
    });
  },
);

describe('a heading the index lacks', () => {
  it('is reported by the comparison with the plain look', () => {
    const { index } = built('R06', 'kokuji');
    const sections = new Map(index.sections);
    sections.delete('B005');
    const { unexplained } = missingHeadings(headingLines(source('R06', 'kokuji'), 'kokuji'), { ...index, sections });
    expect(unexplained.map((line) => line.text)).toEqual([expect.stringMatching(/^Ｂ００５  退院時共同指導料２\s+400点$/)]);
  });
});

/** The citations the bundled rules carried when the index was written: those of the 医科 texts. */
const CITED = [
  'B005 注1',
  'B005 注3',
  'B006-3 注',
  'A253 注',
  'A253 1',
  'A246 1イ',
  'A246 2ロ',
  'A246 注1〜注3',
  'B004 1',
  'C000 注10',
  'C000 通知(1)',
  'A246 通知(20)',
  'A253 通知(2)',
  'A246 注9',
];

/** What R04 lacks: A253 came in R06, as did C000 注10 and A246 注9. */
const NOT_IN_R04: Record<string, string> = {
  'A253 注': 'unknown-section',
  'A253 1': 'unknown-section',
  'A253 通知(2)': 'unknown-section',
  'C000 注10': 'unknown-part',
  'A246 注9': 'unknown-part',
};

describe('citations', () => {
  it.each(CITED)('%s is found in R06, and in R04 where R04 has it', (clause) => {
    expect(resolveCitation(texts('R06'), clause).status).toBe('resolved');
    expect(resolveCitation(texts('R04'), clause).status).toBe(NOT_IN_R04[clause] ?? 'resolved');
  });

  it.each(REVISIONS)('every clause a bundled %s medical rule cites is found', (revision) => {
    const folder = join(RULES, revision, 'medical');
    const clauses = readdirSync(folder).flatMap((file) => citedIn(parse(readFileSync(join(folder, file), 'utf8'))));
    expect(clauses.length).toBeGreaterThan(10);
    const unresolved = clauses.filter((clause) => resolveCitation(texts(revision), clause).status !== 'resolved');
    expect(unresolved).toEqual([]);
  });

  it('finds the amounts the rules state', () => {
    for (const revision of REVISIONS) {
      const { kokuji } = texts(revision);
      expect(kokuji.passages.get('B005 注3')!.amounts.map((amount) => amount.value)).toEqual([2000]);
      expect(kokuji.passages.get('B005 注2')!.amounts.map((amount) => amount.value)).toEqual([300]);
      expect(kokuji.sections.get('B005')!.amount?.value).toBe(400);
      expect(kokuji.passages.get('A246 1イ')!.amounts.map((amount) => amount.value)).toEqual([700]);
      expect(kokuji.passages.get('B004 1')!.amounts.map((amount) => amount.value)).toEqual([1500]);
    }
    expect(
      texts('R06')
        .kokuji.passages.get('A253 1')!
        .amounts.map((amount) => amount.value),
    ).toEqual([600]);
  });

  it('finds the ただし書 of B005 注2 and the exclusions of the 退院時共同指導料', () => {
    const { kokuji, tsuchi } = texts('R06');
    expect(
      kokuji.passages
        .get('B005 注2')!
        .sentences.filter((sentence) => sentence.proviso)
        .map((sentence) => sentence.text),
    ).toEqual(['ただし、注３に規定する加算を算定する場合は、算定できない。']);
    const of = (index: ClauseIndex, code: string) =>
      exclusionSentences(index.sections.get(code)!).map(
        (sentence) => `${sentence.passage.clause} ${sentence.direction} ${sentence.named.map((named) => named.clause).join(',')}`,
      );
    expect(of(kokuji, 'B005')).toEqual(['B005 注2 named-wins B005 注3', 'B005 注5 own-wins B003']);
    expect(of(kokuji, 'B006-3')).toEqual(['B006-3 注 own-wins B005']);
    expect(of(kokuji, 'B005-1-2')).toEqual(['B005-1-2 注 own-wins B005 注3']);
    expect(of(kokuji, 'A246')).toContain('A246 注4 own-wins B003,B005,B005-1-2,B009,B011');
    expect(of(tsuchi, 'B005')).toEqual(['B004 通知(11) own-wins B005-1-2', 'B004 通知(14) own-wins B006-3', 'B004 通知(14) own-wins B014']);
  });
});

/** The `clause` values anywhere in a parsed rule file. */
function citedIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(citedIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'clause' && typeof inner === 'string' ? [inner] : citedIn(inner)));
}
