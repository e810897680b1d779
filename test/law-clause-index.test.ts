// The clause index on small texts laid out as the PDF extractions of the 告示 and the 通知
// are: a citation such as `B005 注3` finds its passage, with its words read across line wraps
// and page breaks, its ただし書 and its amounts; the layout's quirks (notes numbered under
// `注１`, a label a column off, a heading wrapped in a code) do not lose or invent clauses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveCitation } from '../core/analysis/law/citation';
import { buildClauseIndex, type ClauseIndex, type Passage } from '../core/analysis/law/clause-index';
import { exclusionSentences } from '../core/analysis/law/exclusion-sentences';
import { mutate, mutationsOver } from './support/mutations';

/** The 48 kana of a list in the 告示, in order. */
const IROHA = 'イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン';

/** A 告示 in the layout of the extraction: headings at column 2, parts at 15 and further in. */
const KOKUJI = [
  '# file: kokuji.pdf page: 1',
  '#  ［目次］',
  '               第１節  医学管理料等',
  '  区分',
  '  Ｂ００４  退院時共同指導料１',
  '               １  在宅療養支援診療所（別に厚生労働大臣が定めるもの）の',
  '                 場合                                                               1,500点',
  '               ２  １以外の場合                                                        900点',
  '               注１  保険医療機関に入院中の患者について、文書により情報提供した場合に算定する。ただ',
  '                   し、別に厚生労働大臣が定める疾病等の患者については、２回に限り算定できる。',
  '                 ２  注１の場合において、特別管理指導加算として、所定点数に200点を加算する。',
  '# file: kokuji.pdf page: 2',
  '                 ３  区分番号Ａ０００に掲げる初診料又は区分番号Ｃ０００に掲げる往診料は別に算',
  '                   定できない。',
  '  Ｂ００５  退院時共同指導料２                                                         400点',
  '               注１  保険医療機関に入院中の患者について、共同して行った場合に算定する。',
  '                 ２  注１の場合において、共同して指導を行った場合に、300点を所定点数に加算する。ただ',
  '                   し、注３に規定する加算を算定する場合は、算定できない。',
  '                 ３  注１の場合において、３者以上と共同して指導を行った場合に、多機関共同指導加算として、2,000点を所定点数',
  '                   に加算する。',
  '  Ａ２４６  入退院支援加算（退院時１回）',
  '               １  入退院支援加算１',
  '                 イ  一般病棟入院基本料等の場合                                        700点',
  '                 ロ  療養病棟入院基本料等の場合                                      1,300点',
  '               注１  入退院支援加算１は、次に掲げる入退院支援のいずれかを行った場合に加算する。',
  '                   イ  退院困難な要因を有する入院中の患者に対して入退院支援を行った場合',
  '                   ロ  連携する他の保険医療機関において当該加算を算定した患者の転院を受け入れた場合',
  // One column off, as the extraction prints a line now and then: still 注２.
  '                  ２  入退院支援加算２は、退院時１回に限り、所定点数に加算する。',
  '  Ｂ００１  特定疾患治療管理料',
  '               １  ウイルス疾患指導料',
  '                 イ  ウイルス疾患指導料１                                              240点',
  '                 注１  イについては、患者１人につき１回に限り算定する。',
  '                   ２  ロの指導が行われる場合は、220点を所定点数に加算する。',
  '               ２  特定薬剤治療管理料                                                 470点',
  '  Ａ１００  一般病棟入院基本料（１日につき）',
  '               注１  次に掲げる加算について、算定できる。',
  ...[...IROHA].map((letter, n) => `                   ${letter}  加算${n + 1}`),
  '                   イイ  病棟薬剤業務実施加算１',
  '                     へ  の項目（「へ」で始まる行の続き: the hiragana へ stands for ヘ, which does not follow イイ）',
  '  Ｋ１１４及びＫ１１５  削除',
  '  Ａ２０１からＡ２０３まで  削除',
  '  Ｄ２１０―３  植込型心電図検査                                                        90点',
  '               注  別に厚生労働大臣が定める施設基準に適合している場合に算定する。',
  '               第３節  特定保険医療材料料',
  '                 この節の所定点数は、どの区分にも属さない。',
  '',
].join('\n');

/** A 通知 in the layout of the extraction: headings at column 10, paragraphs at 15. */
const TSUCHI = [
  '# file: tsuchi.pdf page: 192',
  '      第２部  在宅医療',
  '      ＜通則＞',
  '           １  通則の文は区分のものではない。',
  '          Ｂ００４  退院時共同指導料１、Ｂ００５  退院時共同指導料２',
  '               (１)  退院時共同指導料１又は退院時共同指導料２は、入院中１回に限り算定する。ただし、',
  '                   ２回算定する場合は、共同して指導すること。',
  '               (２)  退院時共同指導料は、次の場合にも算定できる。',
  '                   ア  患者の家族等に対して指導を行った場合',
  '                   イ  患者の看護を担当する者に対して指導を行った場合',
  '                     (イ)  同居する者',
  '                     <br>(ロ)  同居しない者',
  '#                                                   - 192 -',
  '# file: tsuchi.pdf page: 193',
  '               (３)  退院時共同指導料２については、同一日に「Ｂ００６－３」退院時リハビリテー',
  '                   ション指導料は別に算定できない。',
  '                 (４)  (３)の場合において、診療録に記載する。',
  '          Ｋ６５５  胃切除術、Ｋ６５５－２  腹腔鏡下胃切除術、Ｋ６',
  '            ５７  胃全摘術',
  '               (１)  アキシカブタゲン又はリソカブタゲ',
  '                 ン  マラルユーセルを投与する場合に算定する。',
  '          Ｋ５７４-２ 経皮的心房中隔欠損閉鎖術',
  '              (１)  本区分の所定点数を準用して算定する。',
  '',
].join('\n');

const kokuji = buildClauseIndex(KOKUJI, 'kokuji');
const tsuchi = buildClauseIndex(TSUCHI, 'tsuchi');

function passage(index: ClauseIndex, clause: string): Passage {
  const found = index.passages.get(clause);
  if (!found) throw new Error(`${clause} is not in the index; it has ${[...index.passages.keys()].join(', ')}`);
  return found;
}

function clauses(index: ClauseIndex, code: string): string[] {
  const walk = (p: Passage): string[] => [p.clause, ...p.children.flatMap(walk)];
  return walk(index.sections.get(code)!.passage);
}

describe('the clause index of a 告示', () => {
  it('finds each 区分 with its items, notes and their parts, as the texts cite them', () => {
    expect(clauses(kokuji, 'B004')).toEqual(['B004', 'B004 1', 'B004 2', 'B004 注1', 'B004 注2', 'B004 注3']);
    expect(clauses(kokuji, 'A246')).toEqual([
      'A246',
      'A246 1',
      'A246 1イ',
      'A246 1ロ',
      'A246 注1',
      'A246 注1 イ',
      'A246 注1 ロ',
      'A246 注2',
    ]);
    // Items with notes of their own (B001): the note is the item's.
    expect(clauses(kokuji, 'B001')).toEqual(['B001', 'B001 1', 'B001 1イ', 'B001 1 注1', 'B001 1 注2', 'B001 2']);
    expect(clauses(kokuji, 'D210-3')).toEqual(['D210-3', 'D210-3 注']);
  });

  it('reads the amounts a passage states, its heading amount and its own label', () => {
    expect(passage(kokuji, 'B005 注3').amounts).toEqual([{ value: 2000, unit: '点' }]);
    expect(passage(kokuji, 'B005 注2').amounts).toEqual([{ value: 300, unit: '点' }]);
    expect(passage(kokuji, 'B004 1').amounts).toEqual([{ value: 1500, unit: '点' }]);
    expect(passage(kokuji, 'A246 1イ').amounts).toEqual([{ value: 700, unit: '点' }]);
    expect(passage(kokuji, 'A246 1').amounts).toEqual([]);
    expect(kokuji.sections.get('B005')).toMatchObject({ code: 'B005', name: '退院時共同指導料２', amount: { value: 400, unit: '点' } });
    expect(kokuji.sections.get('A246')!.amount).toBeUndefined();
    expect(passage(kokuji, 'B005 注3').label).toBe('３');
    expect(passage(kokuji, 'B005 注1').label).toBe('注１');
  });

  it('joins wrapped lines and leaves page headers out; offsets and lines point at the original', () => {
    const note = passage(kokuji, 'B004 注3');
    expect(note.text).toBe('３  区分番号Ａ０００に掲げる初診料又は区分番号Ｃ０００に掲げる往診料は別に算定できない。');
    expect(note.line).toBe(KOKUJI.split('\n').findIndex((line) => line.includes('３  区分番号Ａ０００')));
    expect(KOKUJI.slice(note.start, note.end)).toMatch(/^３  区分番号Ａ０００[^]*定できない。$/);
    const section = kokuji.sections.get('B004')!.passage;
    expect(KOKUJI.slice(section.start, section.end)).toMatch(
      /^Ｂ００４  退院時共同指導料１[^]*# file: kokuji.pdf page: 2[^]*定できない。$/,
    );
  });

  it('marks a ただし書 that a wrap splits, with its place in the original', () => {
    const sentences = passage(kokuji, 'B004 注1').sentences;
    expect(sentences.map((sentence) => [sentence.text, sentence.proviso])).toEqual([
      ['保険医療機関に入院中の患者について、文書により情報提供した場合に算定する。', false],
      ['ただし、別に厚生労働大臣が定める疾病等の患者については、２回に限り算定できる。', true],
    ]);
    const proviso = sentences[1]!;
    expect(KOKUJI.slice(proviso.start, proviso.end).replace(/\s+/g, '')).toBe(proviso.text);
  });

  it('does not read a 区分 named in a deleted range, and reads one named with 及び under both codes', () => {
    expect(kokuji.sections.get('K114')).toBe(kokuji.sections.get('K115'));
    expect(kokuji.sections.get('K114')).toMatchObject({ codes: ['K114', 'K115'], names: ['削除', '削除'] });
    expect(kokuji.sections.has('A201')).toBe(false);
  });

  it('ends a section at a heading of the layout', () => {
    expect(passage(kokuji, 'D210-3 注').text).toBe('注  別に厚生労働大臣が定める施設基準に適合している場合に算定する。');
  });

  it('goes on past the 48th kana label with two, and takes a lone kana that does not follow for text', () => {
    expect(clauses(kokuji, 'A100')).toEqual(['A100', 'A100 注1', ...[...IROHA].map((letter) => `A100 注1 ${letter}`), 'A100 注1 イイ']);
    expect(passage(kokuji, 'A100 注1 イイ').text).toMatch(/^イイ  病棟薬剤業務実施加算１へ  の項目/);
  });
});

describe('the clause index of a 通知', () => {
  it('serves both 区分 of a heading that names two, under each code', () => {
    const section = tsuchi.sections.get('B004')!;
    expect(tsuchi.sections.get('B005')).toBe(section);
    expect(section).toMatchObject({
      code: 'B004',
      codes: ['B004', 'B005'],
      name: '退院時共同指導料１',
      names: ['退院時共同指導料１', '退院時共同指導料２'],
    });
    expect(tsuchi.passages.get('B005 通知(2) ア')).toBe(tsuchi.passages.get('B004 通知(2) ア'));
    expect(passage(tsuchi, 'B005 通知(2) イ(ロ)').text).toBe('(ロ)  同居しない者');
  });

  it('reads paragraphs, their parts, a paragraph a column off, and leaves the 通則 out', () => {
    expect(clauses(tsuchi, 'B004')).toEqual([
      'B004',
      'B004 通知(1)',
      'B004 通知(2)',
      'B004 通知(2) ア',
      'B004 通知(2) イ',
      'B004 通知(2) イ(イ)',
      'B004 通知(2) イ(ロ)',
      'B004 通知(3)',
      'B004 通知(4)',
    ]);
    expect(passage(tsuchi, 'B004 通知(3)').text).toBe(
      '(３)  退院時共同指導料２については、同一日に「Ｂ００６－３」退院時リハビリテーション指導料は別に算定できない。',
    );
    expect(
      passage(tsuchi, 'B004 通知(1)')
        .sentences.filter((sentence) => sentence.proviso)
        .map((sentence) => sentence.text),
    ).toEqual(['ただし、２回算定する場合は、共同して指導すること。']);
  });

  it('reads a heading wrapped in the middle of a code, and one with a single space', () => {
    expect(tsuchi.sections.get('K657')).toMatchObject({
      codes: ['K655', 'K655-2', 'K657'],
      names: ['胃切除術', '腹腔鏡下胃切除術', '胃全摘術'],
    });
    expect(clauses(tsuchi, 'K655')).toEqual(['K655', 'K655 通知(1)']);
    expect(passage(tsuchi, 'K655 通知(1)').text).toBe('(１)  アキシカブタゲン又はリソカブタゲン  マラルユーセルを投与する場合に算定する。');
    expect(tsuchi.sections.get('K574-2')).toMatchObject({ name: '経皮的心房中隔欠損閉鎖術' });
  });
});

describe('text that is not an official text', () => {
  it.each([
    ['empty', ''],
    ['only page headers', '# file: a.pdf page: 1\n#   - 1 -\n'],
    ['a heading and nothing else', '  Ｂ００５'],
    ['labels without a section', '               注１  本文\n                 ２  本文\n'],
    ['brackets that never close', '  Ｂ００５  名前\n               注  （（（（「「「本文。\n'],
    ['Windows line ends', '  Ｂ００５  退院時共同指導料２    400点\r\n               注１  本文。\r\n'],
  ])('%s: gives an index, never an exception', (_, text) => {
    for (const kind of ['kokuji', 'tsuchi'] as const) expect(() => buildClauseIndex(text, kind)).not.toThrow();
  });

  /** Edits with the characters the layout is made of: labels, brackets, blanks, page marks, codes. */
  const edit = mutationsOver([
    '注',
    '１',
    '２',
    '10',
    'イ',
    'ロ',
    'ン',
    'ア',
    '（',
    '）',
    '(',
    ')',
    ' ',
    '   ',
    '\n',
    '#',
    'Ｂ００５',
    '－',
    '、',
    '。',
    'ただし',
    '<br>',
    '点',
    '区分番号',
    'は別に算定できない',
    '〜',
  ]);

  it('gives passages that lie where their labels are printed, parts inside their whole, on any edit of a text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['kokuji', KOKUJI] as const, ['tsuchi', TSUCHI] as const),
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        ([kind, original], edits) => {
          const text = edits.reduce(mutate, original);
          const index = buildClauseIndex(text, kind);
          const check = (passage: Passage, parent: Passage | undefined): void => {
            expect(0 <= passage.start && passage.start < passage.end && passage.end <= text.length).toBe(true);
            expect(text.slice(passage.start).startsWith(passage.label)).toBe(true);
            if (parent) expect(parent.start <= passage.start && passage.end <= parent.end).toBe(true);
            for (const sentence of passage.sentences)
              expect(passage.start <= sentence.start && sentence.start < sentence.end && sentence.end <= passage.end).toBe(true);
            passage.children.forEach((child) => check(child, passage));
          };
          for (const section of new Set(index.sections.values())) {
            check(section.passage, undefined);
            exclusionSentences(section);
            for (const code of section.codes) resolveCitation({ [kind]: index }, `${code} ${kind === 'tsuchi' ? '通知' : ''}注1〜3`);
          }
        },
      ),
      {
        numRuns: 300,
        // Found by this property: markup inside a heading's code (`Ｋ<br>５７４-２`).
        examples: [
          [
            ['tsuchi', TSUCHI],
            [
              { kind: 'indent', at: 0, text: '' },
              { kind: 'delete-line', at: 725987808, text: '' },
              { kind: 'insert', at: 901464242, text: '<br>' },
            ],
          ],
        ],
      },
    );
  });
});
