// The sentences of the official texts that exclude one fee beside another are found with what
// they name and which fee they keep, so a check can hold a rule's exclusions to the text:
// 「区分番号Ｂ００３に掲げる開放型病院共同指導料（Ⅱ）は別に算定できない」 in B005's notes
// keeps B005 over B003. Sentences that name a fee only to qualify the patient or the day, or
// name it by name alone, are not taken for exclusions.
import { describe, expect, it } from 'vitest';
import { buildClauseIndex } from '../core/analysis/law/clause-index';
import type { LawTextKind } from '../core/analysis/law/clause-names';
import { exclusionSentences } from '../core/analysis/law/exclusion-sentences';

/** A code as the texts print it: `B005-1-2` → `Ｂ００５－１－２`. */
const wide = (code: string): string =>
  code.replace(/[0-9A-Z-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

/** The exclusion sentences of a section whose one passage is `sentence`; `code` may name two 区分 (`B004,B005`). */
function found(kind: LawTextKind, code: string, sentence: string) {
  const heading = code
    .split(',')
    .map((one) => `${wide(one)}  テスト料`)
    .join('、');
  const text =
    kind === 'kokuji' ? `  ${heading}\n               注  ${sentence}\n` : `          ${heading}\n               (１)  ${sentence}\n`;
  const section = buildClauseIndex(text, kind).sections.get(code.split(',')[0]!)!;
  return exclusionSentences(section).map(({ phrase, direction, named, sentence: { text: said }, passage }) => ({
    phrase,
    direction,
    named: named.map((one) => one.clause),
    said,
    passage: passage.part,
  }));
}

describe('exclusion sentences', () => {
  it.each([
    ['kokuji', 'B005', '区分番号Ｂ００３に掲げる開放型病院共同指導料（Ⅱ）は別に算定できない。', 'not-separately', 'own-wins', ['B003']],
    [
      'kokuji',
      'B006-3',
      '患者の退院時に必要な指導を行った場合に算定する。この場合において、同一日に、区分番号Ｂ００５に掲げる退院時共同指導料２（注１の規定により、入院中の保険医療機関の理学療法士、作業療法士又は言語聴覚士が指導等を行った場合に限る。）は、別に算定できない。',
      'not-separately',
      'own-wins',
      ['B005'],
    ],
    [
      'kokuji',
      'B005-1-2',
      'この場合において、同一日に、区分番号Ｂ００５の注３に掲げる加算（介護支援専門員又は相談支援専門員と共同して指導を行った場合に限る。）は、別に算定できない。',
      'not-separately',
      'own-wins',
      ['B005 注3'],
    ],
    [
      'kokuji',
      'B005',
      '300点を所定点数に加算する。ただし、注３に規定する加算を算定する場合は、算定できない。',
      'not-when-claimed',
      'named-wins',
      ['B005 注3'],
    ],
    [
      'kokuji',
      'A246-2',
      'ただし、区分番号Ａ１０３に掲げる精神病棟入院基本料の注７若しくは区分番号Ａ３１２に掲げる精神療養病棟入院料の注５に規定する精神保健福祉士配置加算、区分番号Ａ２３０－２に掲げる精神科地域移行実施加算又は区分番号Ｉ０１１に掲げる精神科退院指導料を算定する場合は、算定できない。',
      'not-when-claimed',
      'named-wins',
      ['A103 注7', 'A312 注5', 'A230-2', 'I011'],
    ],
    [
      'kokuji',
      'A001',
      'この場合において、注４から注６まで及び注10に規定する加算は算定しない。',
      'not-claimable',
      'own-wins',
      ['A001 注4', 'A001 注5', 'A001 注6', 'A001 注10'],
    ],
    [
      'kokuji',
      'A246',
      'ただし、区分番号Ｂ００３に掲げる開放型病院共同指導料（Ⅱ）、区分番号Ｂ００５に掲げる退院時共同指導料２及び区分番号Ｂ００９に掲げる診療情報提供料（Ⅰ）は別に算定できない。',
      'not-separately',
      'own-wins',
      ['B003', 'B005', 'B009'],
    ],
    [
      'kokuji',
      'A004',
      '指導管理料を算定する。この場合において、Ｂ００４に掲げる退院時共同指導料１、Ｂ００５に掲げる退院時共同指導料２は別に算定できない。',
      'not-separately',
      'own-wins',
      ['B004', 'B005'],
    ],
    [
      'kokuji',
      'A108',
      'この場合において、区分番号Ｂ００１の10に掲げる入院栄養食事指導料は、算定できない。',
      'not-claimable',
      'own-wins',
      ['B001 10'],
    ],
    [
      'kokuji',
      'D211-3',
      '区分番号Ｄ２００に掲げるスパイログラフィー等検査であって、時間内歩行試験と同一日に行われたものの費用は、所定点数に含まれるものとする。',
      'included',
      'own-wins',
      ['D200'],
    ],
    [
      'kokuji',
      'A999',
      '当該加算に要する費用は、区分番号Ａ１００に掲げる一般病棟入院基本料の所定点数に含まれる。',
      'included',
      'named-wins',
      ['A100'],
    ],
    [
      'tsuchi',
      'B005',
      '退院時共同指導料２については、入院中の保険医療機関の理学療法士、作業療法士又は言語聴覚士が指導等を行った場合は、同一日に「Ｂ００６－３」退院時リハビリテーション指導料は別に算定できない。',
      'not-separately',
      'own-wins',
      ['B006-3'],
    ],
    [
      'tsuchi',
      'B004,B005',
      '退院時共同指導料２の「注３」に規定する指導と同一日に行う「注２」に規定する指導に係る費用及び「Ｂ００５－１－２」介護支援等連携指導料は、「注３」に規定する加算に含まれ、別に算定できない。',
      'included',
      'own-wins',
      ['B005-1-2'],
    ],
    [
      'tsuchi',
      'C004',
      '搬送先の保険医療機関の保険医に立会診療を求められた場合は、「Ａ０００」初診料、「Ａ００１」再診料又は「Ａ００２」外来診療料は１回に限り算定し、「Ｃ０００」往診料は併せて算定できない。',
      'not-together',
      'own-wins',
      ['C000'],
    ],
    [
      'tsuchi',
      'B001',
      '「注９」及び「注 10」に規定する加算は同一月内に併せて算定できない。',
      'not-together',
      'mutual',
      ['B001 注9', 'B001 注10'],
    ],
    [
      'tsuchi',
      'A209',
      '特定感染症入院医療管理加算は、「Ａ２１０」難病等特別入院診療加算と併せて算定できない。',
      'not-together',
      'mutual',
      ['A210'],
    ],
    [
      'tsuchi',
      'E200-2',
      '血流予備量比コンピューター断層撮影と「Ｄ２０６」の「注４」冠動脈血流予備能測定検査加算及び「Ｅ１０２」核医学診断は併せて算定できない。',
      'not-together',
      'mutual',
      ['D206 注4', 'E102'],
    ],
    [
      'tsuchi',
      'J001',
      '熱傷処置を算定する場合は、「Ｊ０００」創傷処置、「Ｊ００１－７」爪甲除去（麻酔を要しないもの）及び「Ｊ００１－８」穿刺排膿後薬液注入は併せて算定できない。',
      'not-together',
      'own-wins',
      ['J000', 'J001-7', 'J001-8'],
    ],
    [
      'tsuchi',
      'B001-3',
      'なお、「Ａ０００」初診料を算定した日の属する月においては、本管理料は算定しない。',
      'not-when-claimed',
      'named-wins',
      ['A000'],
    ],
    [
      'tsuchi',
      'A232',
      'がん拠点病院加算を算定した場合は、「Ｂ００５－６－３」がん治療連携管理料は算定できない。',
      'not-claimable',
      'own-wins',
      ['B005-6-3'],
    ],
    [
      'tsuchi',
      'A204',
      '当該加算を算定する場合は、区分番号「Ａ２００」総合入院体制加算は別に算定できない。',
      'not-separately',
      'own-wins',
      ['A200'],
    ],
    [
      'tsuchi',
      'C000',
      'ただし、「注４」に規定する看取り加算には、死亡診断に係る費用が含まれており、「注５」に規定する死亡診断加算は別に算定できない。',
      'not-separately',
      'own-wins',
      ['C000 注5'],
    ],
  ])('%s %s: %s', (kind, code, sentence, phrase, direction, named) => {
    const [first, ...others] = found(kind as LawTextKind, code, sentence);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ phrase, direction, named });
    expect(sentence.endsWith(first!.said)).toBe(true);
  });

  it.each([
    [
      'a fee named to qualify the patient',
      'kokuji',
      '区分番号Ａ２４６に掲げる入退院支援加算を算定する患者にあっては、退院支援計画を策定した場合に限り算定する。',
    ],
    ['a fee named by name alone', 'kokuji', '区分番号Ａ３００に掲げる救命救急入院料を算定する患者については、外来管理加算は算定できない。'],
    ['the cost of something that is not a fee', 'kokuji', '救急救命士が行った処置等の費用は、所定点数に含まれるものとする。'],
    ['what is not included', 'tsuchi', '「Ｄ０２６」尿・糞便等検査判断料は所定点数に含まれない。'],
    [
      'a fee in parentheses',
      'kokuji',
      '入院中の患者（区分番号Ｂ００５に掲げる退院時共同指導料２を算定する患者を除く。）について算定する。',
    ],
    ['a fee that is claimed as well', 'tsuchi', '「Ｂ００９」診療情報提供料（Ⅰ）が既に算定されている場合であっても、算定できる。'],
  ])('%s: none', (_, kind, sentence) => {
    expect(found(kind as LawTextKind, 'B005', sentence)).toEqual([]);
  });

  it('names the notes of the item when the items of a section have notes of their own', () => {
    const text = [
      '  Ｂ００１  特定疾患治療管理料',
      '               ２  特定薬剤治療管理料',
      '                 注１  薬物血中濃度を測定して計画的な治療管理を行った場合に算定する。',
      '                   ２  初回月加算として、280点を所定点数に加算する。ただし、注１に規定する場合であって、注３に規定する加算を算定する場合は、算定できない。',
      '',
    ].join('\n');
    const [sentence, ...others] = exclusionSentences(buildClauseIndex(text, 'kokuji').sections.get('B001')!);
    expect(others).toEqual([]);
    expect(sentence).toMatchObject({
      section: 'B001',
      phrase: 'not-when-claimed',
      direction: 'named-wins',
      named: [{ section: 'B001', clause: 'B001 2 注3' }],
    });
    expect(sentence!.passage.clause).toBe('B001 2 注2');
    expect(sentence!.sentence.proviso).toBe(true);
  });
});
