// Renders message references in Japanese or English from the l10n bundles. Code only picks
// a message id and its arguments; all wording lives in the bundles.
import { markdownCode, markdownText } from './display-text';
import en from './l10n/en.json';
import ja from './l10n/ja.json';
import type { Label, MessageArg, MessageRef, Situation } from './types';

export type Lang = 'ja' | 'en';

export const BUNDLES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, ja };

/** The text of a message. Unknown ids fall back to their family (`yaml-syntax.X` → `yaml-syntax`). */
export function renderMessage(ref: MessageRef, lang: Lang, memo?: RenderMemo): string {
  return fill(templateOf(ref.id, lang), ref, lang, (text) => text, memo);
}

/**
 * Arguments already written in one language, by their object: many findings share one
 * (the same example for tens of thousands of exclusions), and a memo writes it once.
 */
export type RenderMemo = Map<object, string>;

/**
 * The message as Markdown: the template's own Markdown (code spans in backticks) is kept and
 * its arguments show literally — inside a code span as code, elsewhere escaped.
 */
export function renderMarkdown(ref: MessageRef, lang: Lang): string {
  return templateOf(ref.id, lang).replace(/`([^`]*)`|[^`]+/g, (part, code: string | undefined) =>
    code === undefined ? fill(part, ref, lang, markdownText) : markdownCode(fill(code, ref, lang, (text) => text)),
  );
}

function templateOf(id: string, lang: Lang): string {
  return lookup(BUNDLES[lang], id) ?? lookup(BUNDLES.en, id) ?? id;
}

/** A template with its `{name}` placeholders filled with the arguments, each shown through `show`. */
function fill(template: string, ref: MessageRef, lang: Lang, show: (text: string) => string, memo?: RenderMemo): string {
  return template.replace(/\{([a-zA-Z0-9_-]+)\}/g, (whole, name: string) => {
    const arg = ref.args?.[name];
    if (arg === undefined) return whole;
    if (!memo || typeof arg !== 'object') return show(renderArg(arg, lang));
    let text = memo.get(arg);
    if (text === undefined) memo.set(arg, (text = renderArg(arg, lang)));
    return show(text);
  });
}

/** An amount with its unit as each language writes it: `2,000 points`, `2,000点`. */
export function amountWithUnit(value: number, unit: 'points' | 'units' | 'yen', lang: Lang): string {
  return renderMessage(
    { id: 'amount', args: { value: value.toLocaleString('en-US'), unit: renderMessage({ id: `unit.${unit}` }, lang) } },
    lang,
  );
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

/** A label in a language: English where given, else the Japanese one. */
export function labelText(label: Label, lang: Lang): string {
  return lang === 'en' ? (label.en ?? label.ja) : label.ja;
}

/** One argument as text in a language: terms translated, listings joined, situations and amounts written out. */
export function renderArg(arg: MessageArg, lang: Lang): string {
  if (typeof arg !== 'object') return String(arg);
  const bundle = BUNDLES[lang];
  if ('amount' in arg) return amountWithUnit(arg.amount, arg.unit, lang);
  if ('situation' in arg) {
    if (arg.situation.length === 0) return bundle['term.any-situation'] ?? 'any situation';
    const separator = bundle['term.list-separator'] ?? ', ';
    const label = (l: Label | undefined) => l && labelText(l, lang);
    const valueText = ({ value, unit, valueLabels }: Situation['situation'][number]): string => {
      if (typeof value === 'boolean') return bundle[value ? 'term.yes' : 'term.no'] ?? String(value);
      if (Array.isArray(value)) {
        const members = value.map((member, i) => label(valueLabels?.[i]) ?? String(member));
        return members.length === 0 ? (bundle['term.none'] ?? '[]') : `[${members.join(separator)}]`;
      }
      return label(valueLabels?.[0]) ?? (typeof value === 'number' && unit ? `${value}${unit}` : String(value));
    };
    return arg.situation.map((s) => `${label(s.label) ?? s.fact} = ${valueText(s)}`).join(separator);
  }
  if ('list' in arg) {
    const list = arg.list.join(bundle[arg.join === 'path' ? 'term.path-separator' : 'term.list-separator'] ?? ', ');
    return arg.more > 0
      ? fill(
          templateOf('term.and-more', lang),
          { id: 'term.and-more', args: { list, count: arg.more.toLocaleString('en-US') } },
          lang,
          (text) => text,
        )
      : list;
  }
  const separator = (arg.join === 'list' ? bundle['term.list-separator'] : bundle['term.separator']) ?? ', ';
  return arg.terms.map((term) => bundle[`term.${term}`] ?? term).join(separator);
}
