// A quotation of an official text matches the passage it quotes however the PDF extraction
// laid the passage out: wrapped mid-word, split by a page header, digits full- or half-width,
// `2,000点` or `2000点`, `Ｄ２１０―３` or `D210-3`. Words that differ still differ.
import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../core/analysis/law/normalize';

describe('normalizeForMatch', () => {
  it.each([
    ['full-width digits, letters and parentheses', '区分番号Ｂ００５の注３（１）', '区分番号B005の注3(1)'],
    ['a word wrapped across lines', '所定点数に加算す\n                   る。', '所定点数に加算する。'],
    [
      'a page header and page number between the halves',
      '算定でき\n#                 - 193 -\n# file: x.pdf page: 194\n   ない。',
      '算定できない。',
    ],
    ['a table the extraction set aside', '注１\n#   状  態  等   点数\n本文', '注1本文'],
    ['the spaces the 通知 puts around numbers', '令和６年厚生労働省告示第 57 号', '令和6年厚生労働省告示第57号'],
    ['ideographic spaces and tabs', 'Ｂ００５　退院時\t共同指導料２', 'B005退院時共同指導料2'],
    ['a comma in an amount', '2,000点と１，０００点', '2000点と1000点'],
    ['the dashes of a 区分 code', 'Ｂ００５－１－２, Ｄ２１０―３, B005−1, D210ー3', 'B005-1-2,D210-3,B005-1,D210-3'],
    ['a katakana ー in a word', 'リハビリテーション', 'リハビリテーション'],
    ['markup the extraction left', '<br>ア  <img src="a.png" width="100%">本文<br>', 'ア本文'],
    ['Windows line ends', '算定す\r\n   る。', '算定する。'],
  ])('%s', (_, text, normalized) => {
    expect(normalizeForMatch(text)).toBe(normalized);
  });

  it('makes a passage and its quotation the same, and different words different', () => {
    const printed =
      '                 ２  注１の場合において、入院中の保険医療機関の保険医及び在宅療養担当医療機\n                   関の保険医が共同して指導を行った場合に、300点を所定点数に加算する。';
    const quoted =
      '２ 注１の場合において、入院中の保険医療機関の保険医及び在宅療養担当医療機関の保険医が共同して指導を行った場合に、３００点を所定点数に加算する。';
    expect(normalizeForMatch(printed)).toBe(normalizeForMatch(quoted));
    expect(normalizeForMatch(printed)).not.toBe(normalizeForMatch(quoted.replace('300', '400').replace('３００', '４００')));
    expect(normalizeForMatch('３か月')).not.toBe(normalizeForMatch('３ヶ月'));
  });
});
