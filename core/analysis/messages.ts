// Renders message references in Japanese or English from the l10n bundles. Code only picks
// a message id and its arguments; all wording lives in the bundles.
import en from './l10n/en.json';
import ja from './l10n/ja.json';
import type { MessageArg, MessageRef } from './types';

export type Lang = 'ja' | 'en';

export const BUNDLES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, ja };

/** The text of a message. Unknown ids fall back to their family (`yaml-syntax.X` → `yaml-syntax`). */
export function renderMessage(ref: MessageRef, lang: Lang): string {
  const bundle = BUNDLES[lang];
  const template = lookup(bundle, ref.id) ?? lookup(BUNDLES.en, ref.id) ?? ref.id;
  return fill(template, ref.args, bundle);
}

/** An amount with its unit as each language writes it: `2,000 points`, `2,000点`. */
export function amountWithUnit(value: number, unit: 'points' | 'units' | 'yen', lang: Lang): string {
  return renderMessage({ id: 'amount', args: { value: value.toLocaleString('en-US'), unit: renderMessage({ id: `unit.${unit}` }, lang) } }, lang);
}

/** The language a locale string selects: Japanese for `ja…`, English otherwise. */
export function langOf(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function lookup(bundle: Readonly<Record<string, string>>, id: string): string | undefined {
  for (let key = id; ; key = key.slice(0, key.lastIndexOf('.'))) {
    if (Object.prototype.hasOwnProperty.call(bundle, key)) return bundle[key];
    if (!key.includes('.')) return undefined;
  }
}

function fill(template: string, args: MessageRef['args'], bundle: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z0-9_-]+)\}/g, (whole, name: string) => {
    const arg = args?.[name];
    return arg === undefined ? whole : renderArg(arg, bundle);
  });
}

function renderArg(arg: MessageArg, bundle: Readonly<Record<string, string>>): string {
  if (typeof arg !== 'object') return String(arg);
  if ('list' in arg) {
    const list = arg.list.join(bundle[arg.join === 'path' ? 'term.path-separator' : 'term.list-separator'] ?? ', ');
    return arg.more > 0 ? fill(bundle['term.and-more'] ?? BUNDLES.en['term.and-more']!, { list, count: arg.more.toLocaleString('en-US') }, bundle) : list;
  }
  const separator = (arg.join === 'list' ? bundle['term.list-separator'] : bundle['term.separator']) ?? ', ';
  return arg.terms.map((term) => bundle[`term.${term}`] ?? term).join(separator);
}
