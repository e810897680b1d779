// The words that changed between two versions of a passage of the official text, for the
// law-text section of a revision diff: the analyst sees 「…{-200点-}{+240点+}を加算する」, not
// two pages to compare by eye. Japanese has no spaces, so a "word" is a run of one script
// (kanji, hiragana, katakana, Latin letters, a number with its commas) or one other character.

/** A piece of the new text: unchanged, only in the old text, or only in the new. */
export interface DiffPiece {
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** More words than this on either side are compared as one replaced block (the table is words × words). */
const MAX_WORDS = 4_000;

/** The pieces that turn `old` into `next`, neighbouring pieces of one kind merged. */
export function wordDiff(old: string, next: string): DiffPiece[] {
  const a = words(old);
  const b = words(next);
  if (a.length > MAX_WORDS || b.length > MAX_WORDS)
    return merge([
      { op: 'removed', text: old },
      { op: 'added', text: next },
    ]);
  // Common prefix and suffix first: most changes of a passage are a word or two.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const pieces: DiffPiece[] = [{ op: 'same', text: a.slice(0, head).join('') }];
  const middle = lcsPieces(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  for (const piece of middle) pieces.push(piece);
  pieces.push({ op: 'same', text: a.slice(a.length - tail).join('') });
  return merge(pieces);
}

/** The text split into words as described above; joining them gives the text back. */
export function words(text: string): string[] {
  return (
    text.match(
      /[0-9０-９][0-9０-９,，.．]*|[\p{Script=Han}々〆]+|[\p{Script=Hiragana}ー]+|[\p{Script=Katakana}ー]+|[A-Za-zＡ-Ｚａ-ｚ]+|[\s\S]/gu,
    ) ?? []
  );
}

/** A longest-common-subsequence diff of two word lists. */
function lcsPieces(a: readonly string[], b: readonly string[]): DiffPiece[] {
  const width = b.length + 1;
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pieces: DiffPiece[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      pieces.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!))
      pieces.push({ op: 'removed', text: a[i++]! });
    else pieces.push({ op: 'added', text: b[j++]! });
  }
  return pieces;
}

function merge(pieces: readonly DiffPiece[]): DiffPiece[] {
  const merged: DiffPiece[] = [];
  for (const piece of pieces) {
    if (piece.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.op === piece.op) last.text += piece.text;
    else merged.push({ ...piece });
  }
  return merged;
}
