// The law-text diff shows which words of a passage changed: the pieces give back both
// versions exactly, change as little as they can, and split Japanese into words by script.
import { describe, expect, it } from 'vitest';
import { wordDiff, words, type DiffPiece } from '../core/revisions/word-diff';

const side = (pieces: DiffPiece[], op: 'removed' | 'added') =>
  pieces
    .filter((p) => p.op === 'same' || p.op === op)
    .map((p) => p.text)
    .join('');
const marked = (pieces: DiffPiece[]) =>
  pieces.map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? `{-${p.text}-}` : `{+${p.text}+}`)).join('');

describe('word diff', () => {
  it('marks the changed amount of a note, and nothing else', () => {
    const pieces = wordDiff('入院時支援加算として、200点を所定点数に加算する。', '入院時支援加算として、240点を所定点数に加算する。');
    expect(marked(pieces)).toBe('入院時支援加算として、{-200-}{+240+}点を所定点数に加算する。');
  });

  it('marks a sentence added in the middle', () => {
    const pieces = wordDiff(
      '注１の場合に算定する。ただし、算定できない。',
      '注１の場合に算定する。この場合において、別に算定できない。ただし、算定できない。',
    );
    expect(marked(pieces)).toBe('注１の場合に算定する。{+この場合において、別に算定できない。+}ただし、算定できない。');
  });

  it('splits by script: a number with its commas, kanji, hiragana and katakana runs', () => {
    expect(words('2,000点を加算するカンファレンス')).toEqual(['2,000', '点', 'を', '加算', 'する', 'カンファレンス']);
  });

  it('gives back both texts for 2,000 random pairs', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const alphabet = ['点', 'を', '加算', 'する', '。', '2,000', '300', 'カンファレンス', 'ただし', '、', 'A'];
    const text = () => Array.from({ length: random(30) }, () => alphabet[random(alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [text(), text()];
      const pieces = wordDiff(a, b);
      expect(side(pieces, 'removed')).toBe(a);
      expect(side(pieces, 'added')).toBe(b);
      // Merged: no two neighbours of one kind, no empty piece.
      expect(pieces.every((p, k) => p.text !== '' && (k === 0 || pieces[k - 1]!.op !== p.op))).toBe(true);
    }
  });
});
