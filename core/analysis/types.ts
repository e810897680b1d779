// Plain data shared by the whole analysis core: spans in UTF-16 offsets, findings with
// message references (rendered per language at the edge), and the kinds of rule files.
// Nothing here knows about LSP or the terminal.

/** A half-open range of UTF-16 code-unit offsets into a file's text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A message to show the user: an id in the l10n bundles plus its arguments. */
export interface MessageRef {
  id: string;
  args?: Record<string, MessageArg | undefined>;
}

/** An argument is shown as written, except terms, which are translated (e.g. type names), listings and situations. */
export type MessageArg = string | number | Terms | Listing | Situation | AmountArg;

/** An amount with its unit, written as each language writes it (`2,000点`, `2,000 points`). */
export interface AmountArg {
  amount: number;
  unit: 'points' | 'units' | 'yen';
}

/**
 * A situation (an example the analysis found): each fact by its label with its value, shown
 * in the reader's language (`年齢 = 15歳、退院先 = home`); the fact ids stay in the finding's data.
 */
export interface Situation {
  situation: {
    fact: string;
    label?: Label;
    unit?: string;
    value: unknown;
    /** The labels of the value (one) or of a set's members, where the facts give them. */
    valueLabels?: (Label | undefined)[];
  }[];
}

/** A label in Japanese, and in English where given (English shows the Japanese one otherwise). */
export interface Label {
  ja: string;
  en?: string;
}

/** Words from the `term.*` entries of the bundles, joined as alternatives ("or") or as a list. */
export interface Terms {
  terms: string[];
  join?: 'or' | 'list';
}

/**
 * A list that may be long, shown as its first few entries and a count of the rest
 * ("A, B, C and 12 more"); `path` joins them with arrows (a cycle).
 */
export interface Listing {
  list: string[];
  more: number;
  join?: 'path';
}

export interface RelatedInfo {
  file: string;
  span: Span;
  message: MessageRef;
}

/** One diagnostic as the analysis core produces it. */
export interface Finding {
  file: string;
  span: Span;
  code: string;
  severity: Severity;
  message: MessageRef;
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
}

export type FileKind = 'tariff' | 'facts' | 'revisions' | 'scenario' | 'waivers';

export type Scheme = 'medical' | 'care' | 'nursing';

export const SCHEMES: readonly Scheme[] = ['medical', 'care', 'nursing'];

/** The amount field that fits each scheme (点, 単位, 円). */
export const AMOUNT_FIELD: Readonly<Record<Scheme, 'points' | 'units' | 'yen'>> = {
  medical: 'points',
  care: 'units',
  nursing: 'yen',
};

/** The amount field a key names (`points`, `units`, `yen`), or undefined for any other key. */
export function amountField(key: string): (typeof AMOUNT_FIELD)[Scheme] | undefined {
  return Object.values(AMOUNT_FIELD).find((field) => field === key);
}
