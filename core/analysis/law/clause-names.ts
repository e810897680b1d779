// How a clause of the official texts is named: 区分 codes and the labels of their parts in
// the one spelling that the clause index, citations and the exclusion sentences share, so
// `Ｂ００５－１－２` printed in the 告示, `B005-1-2` written in a rule and `「Ｂ００５－１－２」`
// in the 通知 are the same key.

/** Which official text a clause belongs to: the 告示 (点数表) or the 通知 (留意事項通知). */
export type LawTextKind = 'kokuji' | 'tsuchi';

/**
 * What a part's label is, which decides how it joins the labels above it: `注` and `注３`
 * (note), `３` (number), `（３）` (paren-number), `イ` (kana), `（イ）` (paren-kana), `①`
 * (circled), `ａ` (latin), `ⅰ` (roman).
 */
export type LabelKind = 'note' | 'number' | 'paren-number' | 'kana' | 'paren-kana' | 'circled' | 'latin' | 'roman';

export interface Label {
  /** The label in canonical spelling: `注3`, `3`, `(3)`, `イ`, `(イ)`, `①`, `a`, `ⅰ`. */
  name: string;
  kind: LabelKind;
}

/**
 * The dashes PDF extraction leaves between the numbers of a 区分 code: full-width hyphen-minus,
 * horizontal bar (`Ｄ２１０―３` in the 告示), minus sign, en and em dashes, hyphens, and the
 * katakana prolonged sound mark that a typist or an OCR may put there.
 */
export const CODE_DASH = '[－―−–—‐‑ー-]';

/** Half-width digits, Latin letters and parentheses for their full-width forms; nothing else. */
export function narrow(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ（）－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A 区分 code as printed (`Ｂ００５－１－２`, `Ｄ２１０―３`, `b005-1-2`) in canonical form: `B005-1-2`. */
export function canonicalCode(printed: string): string {
  return narrow(printed).replace(new RegExp(CODE_DASH, 'g'), '-').toUpperCase();
}

/** A label as printed (`注３`, `注 11`, `（１）`, `(１)`, `イ`, `ａ`) in canonical form, with its kind. */
export function canonicalLabel(printed: string): Label {
  // The extraction prints a kana label now and then with a character that looks the same:
  // hiragana へ for ヘ, the kanji 二 for ニ.
  const name = narrow(printed).replace(/\s+/g, '').replace(/へ/g, 'ヘ').replace(/二/g, 'ニ');
  return { name, kind: labelKind(name) };
}

function labelKind(name: string): LabelKind {
  if (name.startsWith('注')) return 'note';
  if (/^\d+$/.test(name)) return 'number';
  if (/^\(\d+\)$/.test(name)) return 'paren-number';
  if (/^\(.\)$/.test(name)) return 'paren-kana';
  if (/^[①-⑳]$/.test(name)) return 'circled';
  if (/^[a-z]$/.test(name)) return 'latin';
  if (/^[ⅰ-ⅹ]$/.test(name)) return 'roman';
  return 'kana';
}

/**
 * The part of a clause below its 区分, from the labels on the way down: `注3`, `1イ`,
 * `注1 イ`, `2 注1`, `通知(5)`, `通知(5) ア`. A space stands before and after a 注 and, in
 * the 通知, after the top paragraph; other labels follow each other directly, as the texts
 * cite them (「１のイ」 is written `1イ`). Citations are compared without spaces, so the
 * spaces are only for reading.
 */
export function partName(labels: readonly Label[], kind: LawTextKind): string {
  let part = kind === 'tsuchi' ? '通知' : '';
  labels.forEach((label, depth) => {
    const previous = labels[depth - 1];
    const spaced = previous !== undefined && (previous.kind === 'note' || label.kind === 'note' || (kind === 'tsuchi' && depth === 1));
    part += (spaced ? ' ' : '') + label.name;
  });
  return part;
}

/** A whole clause: the 区分 code, then its part if any (`B005 注3`, `B005`). */
export function clauseName(code: string, part: string): string {
  return part === '' ? code : `${code} ${part}`;
}
