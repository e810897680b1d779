// The clause a rule cites, as a user may write it — `B005 注3`, `Ｂ００５　注３`, `A246 1 イ`,
// `A246 注1〜注3`, `B005 通知(5) ア` — is read as one canonical citation and looked up in the
// 告示 or, for `通知`, in the 通知; a citation that names no clause says why, and for a part the
// section lacks it names the nearest clauses that exist.
import { describe, expect, it } from 'vitest';
import { parseCitation, resolveCitation } from '../core/analysis/law/citation';
import { buildClauseIndex } from '../core/analysis/law/clause-index';

describe('parseCitation', () => {
  it.each([
    ['B005 注3', 'kokuji', 'B005', ['B005 注3']],
    ['B005', 'kokuji', 'B005', ['B005']],
    ['B006-3 注', 'kokuji', 'B006-3', ['B006-3 注']],
    ['A246 1イ', 'kokuji', 'A246', ['A246 1イ']],
    ['A246 1 イ', 'kokuji', 'A246', ['A246 1イ']],
    ['A246 注1 イ', 'kokuji', 'A246', ['A246 注1 イ']],
    ['A246 注1イ', 'kokuji', 'A246', ['A246 注1 イ']],
    ['B001 2 注1', 'kokuji', 'B001', ['B001 2 注1']],
    ['C000 注10', 'kokuji', 'C000', ['C000 注10']],
    ['Ｂ００５　注３', 'kokuji', 'B005', ['B005 注3']],
    ['Ｂ００５－１－２　注', 'kokuji', 'B005-1-2', ['B005-1-2 注']],
    ['区分番号Ｂ００５の注３', 'kokuji', 'B005', ['B005 注3']],
    ['b005注3', 'kokuji', 'B005', ['B005 注3']],
    ['A246 注1〜注3', 'kokuji', 'A246', ['A246 注1', 'A246 注2', 'A246 注3']],
    ['A246 注１～３', 'kokuji', 'A246', ['A246 注1', 'A246 注2', 'A246 注3']],
    ['A246 注1から注3まで', 'kokuji', 'A246', ['A246 注1', 'A246 注2', 'A246 注3']],
    ['C000 通知(1)', 'tsuchi', 'C000', ['C000 通知(1)']],
    ['B005 通知(5) ア', 'tsuchi', 'B005', ['B005 通知(5) ア']],
    ['B005 通知（５）ア', 'tsuchi', 'B005', ['B005 通知(5) ア']],
    ['A253 通知(3) ア(イ)', 'tsuchi', 'A253', ['A253 通知(3) ア(イ)']],
    ['A246 通知(1)〜(3)', 'tsuchi', 'A246', ['A246 通知(1)', 'A246 通知(2)', 'A246 通知(3)']],
  ])('%s', (clause, kind, section, clauses) => {
    expect(parseCitation(clause)).toEqual({ kind, section, clauses });
  });

  it.each([
    ['words, not a citation', '居宅介護支援費 退院・退所加算（Ⅱ）イ'],
    ['empty', ''],
    ['a code with a digit too many', 'B0051'],
    ['a label that is none', 'B005 第3項'],
    ['a range of kana', 'A246 1イ〜1ロ'],
    ['a range that runs backwards', 'A246 注3〜注1'],
    ['a range of thousands', 'A246 注1〜注9999'],
  ])('%s: unparsable', (_, clause) => {
    expect(parseCitation(clause)).toBeUndefined();
  });
});

const KOKUJI = [
  '  Ｂ００５  退院時共同指導料２                                                         400点',
  '               注１  共同して行った場合に算定する。',
  '                 ２  共同して指導を行った場合に、300点を所定点数に加算する。',
  '                 ３  多機関共同指導加算として、2,000点を所定点数に加算する。',
  '  Ａ２４６  入退院支援加算（退院時１回）',
  '               １  入退院支援加算１',
  '                 イ  一般病棟入院基本料等の場合                                        700点',
  '               注１  入退院支援加算１は、次に掲げる場合に加算する。',
  '                   イ  退院困難な要因を有する場合',
  '                 ２  入退院支援加算２は、所定点数に加算する。',
  '                 ３  入退院支援加算３は、所定点数に加算する。',
].join('\n');
const TSUCHI = [
  '          Ｂ００４  退院時共同指導料１、Ｂ００５  退院時共同指導料２',
  '               (１)  退院時共同指導料１又は退院時共同指導料２は、入院中１回に限り算定する。',
  '               (２)  退院時共同指導料は、患者の家族等に対して指導を行った場合にも算定できる。',
].join('\n');
const texts = { kokuji: buildClauseIndex(KOKUJI, 'kokuji'), tsuchi: buildClauseIndex(TSUCHI, 'tsuchi') };

describe('resolveCitation', () => {
  it('finds the passages a citation names, a range in order', () => {
    const resolved = resolveCitation(texts, 'Ａ２４６ 注１〜注３');
    expect(resolved.status).toBe('resolved');
    if (resolved.status !== 'resolved') return;
    expect(resolved.passages.map((passage) => passage.clause)).toEqual(['A246 注1', 'A246 注2', 'A246 注3']);
    const note = resolveCitation(texts, 'B005 注3');
    expect(note.status === 'resolved' && note.passages[0]!.amounts).toEqual([{ value: 2000, unit: '点' }]);
  });

  it('finds a paragraph of the 通知 under either 区分 of its section', () => {
    const b004 = resolveCitation(texts, 'B004 通知(2)');
    const b005 = resolveCitation(texts, 'B005 通知(2)');
    expect(b005.status === 'resolved' && b004.status === 'resolved' && b005.passages[0] === b004.passages[0]).toBe(true);
  });

  it.each([
    ['not a citation', '訪問看護費 初回加算', { status: 'unparsable' }],
    [
      'a 区分 the text does not have',
      'Z999 注1',
      { status: 'unknown-section', citation: { kind: 'kokuji', section: 'Z999', clauses: ['Z999 注1'] } },
    ],
    [
      'a 区分 the 通知 does not have',
      'A246 通知(1)',
      { status: 'unknown-section', citation: { kind: 'tsuchi', section: 'A246', clauses: ['A246 通知(1)'] } },
    ],
    [
      'a note the section lacks',
      'B005 注9',
      {
        status: 'unknown-part',
        citation: { kind: 'kokuji', section: 'B005', clauses: ['B005 注9'] },
        clause: 'B005 注9',
        nearest: ['B005 注1', 'B005 注2', 'B005 注3'],
      },
    ],
    [
      'a sub-item the note lacks',
      'A246 注1 ロ',
      {
        status: 'unknown-part',
        citation: { kind: 'kokuji', section: 'A246', clauses: ['A246 注1 ロ'] },
        clause: 'A246 注1 ロ',
        nearest: ['A246 注1 イ', 'A246 1イ', 'A246 注1'],
      },
    ],
    [
      'a range past the last note',
      'A246 注2〜注4',
      {
        status: 'unknown-part',
        citation: { kind: 'kokuji', section: 'A246', clauses: ['A246 注2', 'A246 注3', 'A246 注4'] },
        clause: 'A246 注4',
        nearest: ['A246 注1', 'A246 注2', 'A246 注3'],
      },
    ],
    [
      'a sub-paragraph the paragraph lacks',
      'B005 通知(1) ア',
      {
        status: 'unknown-part',
        citation: { kind: 'tsuchi', section: 'B005', clauses: ['B005 通知(1) ア'] },
        clause: 'B005 通知(1) ア',
        nearest: ['B005 通知(1)', 'B005 通知(2)'],
      },
    ],
  ])('%s: says why', (_, clause, resolution) => {
    expect(resolveCitation(texts, clause)).toEqual(resolution);
  });

  it('says which text is missing when it was not given', () => {
    expect(resolveCitation({ kokuji: texts.kokuji }, 'C000 通知(1)')).toEqual({
      status: 'no-text',
      citation: { kind: 'tsuchi', section: 'C000', clauses: ['C000 通知(1)'] },
    });
  });
});
