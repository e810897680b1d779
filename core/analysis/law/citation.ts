// The clause a rule cites (`clause: B005 注3`), read and looked up in the official texts:
// hover shows the passages cited, go to definition opens the text there, and a citation that
// names no clause of the text is reported with the nearest clauses that exist.

import { editDistance } from '../suggest';
import type { ClauseIndex, Passage } from './clause-index';
import { canonicalCode, canonicalLabel, clauseName, CODE_DASH, narrow, partName, type Label, type LawTextKind } from './clause-names';

/** A citation as read: which text, which 区分, and the clauses it names (a range names several). */
export interface Citation {
  kind: LawTextKind;
  /** Canonical 区分 code: `B005-1-2`. */
  section: string;
  /** Canonical clauses, in order: `['A246 注1', 'A246 注2', 'A246 注3']` for `A246 注1〜注3`. */
  clauses: string[];
}

export type CitationResolution =
  | { status: 'resolved'; citation: Citation; passages: Passage[] }
  /** Not a citation of the 医科 texts: no 区分 code first, or labels that are not labels. */
  | { status: 'unparsable' }
  /** The text the citation needs (the 告示 or the 通知) was not given. */
  | { status: 'no-text'; citation: Citation }
  | { status: 'unknown-section'; citation: Citation }
  /** The section exists; `clause` (the first of the citation it lacks) does not. `nearest`: up to three clauses of the section, nearest first. */
  | { status: 'unknown-part'; citation: Citation; clause: string; nearest: string[] };

/**
 * Reads a citation: a 区分 code (`B005`, `Ｂ００５`, `区分番号Ｂ００５－１－２`), then
 * optionally `通知` (the 通知; else the 告示) and labels (`注3`, `1イ`, `注1 イ`, `(5) ア`),
 * written full- or half-width, with or without spaces or `の` between them. Two clauses
 * joined by `〜` (or `～`, `~`, `から…まで`) whose last labels are numbers of one kind name
 * every clause between them (`注1〜注3`, `注1〜3`). Anything else is `undefined`.
 */
export function parseCitation(clause: string): Citation | undefined {
  // A rule file is user input: a `clause` written as a number or a list reaches here too.
  if (typeof clause !== 'string') return undefined;
  const text = narrow(clause).trim();
  const match = CITATION.exec(text);
  if (!match) return undefined;
  const section = canonicalCode(match[1]!);
  const rest = match[2]!.replace(/[\s　の]/g, '');
  const kind: LawTextKind = rest.startsWith('通知') ? 'tsuchi' : 'kokuji';
  const body = kind === 'tsuchi' ? rest.slice(2) : rest;
  const range = /^(.*?)(?:[〜～~]|から)(.*?)(?:まで)?$/.exec(body);
  const first = labelsOf(range ? range[1]! : body);
  if (first === undefined) return undefined;
  const clauses = [clauseName(section, first.length === 0 ? '' : partName(first, kind))];
  if (range) {
    const last = labelsOf(range[2]!);
    const through = last?.[last.length - 1];
    const from = first[first.length - 1];
    if (!through || !from || last!.length > first.length) return undefined;
    const kinds = from.kind === through.kind || (from.kind === 'note' && through.kind === 'number');
    const start = numberOf(from);
    const end = numberOf(through);
    if (!kinds || start === undefined || end === undefined || end < start || end - start > MAX_RANGE) return undefined;
    const prefix = first.slice(0, -1);
    for (let n = start + 1; n <= end; n++) clauses.push(clauseName(section, partName([...prefix, numbered(from, n)], kind)));
  }
  return { kind, section, clauses };
}

/** A range names at most this many clauses; `注1〜注9999` is a slip, not a citation. */
const MAX_RANGE = 100;

const CITATION = new RegExp(`^(?:区分番号)?「?([A-Za-z]\\d{3}(?:${CODE_DASH}\\d+)*)」?(?![\\d${CODE_DASH.slice(1, -1)}])(.*)$`, 's');

/** One label of a citation: 注 (and its number), a number, `(n)`, `(イ)`, a kana, `①`, `a`, `ⅰ`. */
const LABEL = /注\d*|\d+|\(\d+\)|\([ァ-ヶ]\)|[イア][ァ-ヶ](?![ァ-ヶ])|[ァ-ヶ]|[①-⑳]|[a-z]|[ⅰ-ⅹ]/y;

function labelsOf(text: string): Label[] | undefined {
  const labels: Label[] = [];
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const at = LABEL.lastIndex;
    const match = LABEL.exec(text);
    if (!match || match.index !== at) return undefined;
    labels.push(canonicalLabel(match[0]));
  }
  return labels;
}

function numberOf(label: Label): number | undefined {
  if (label.kind === 'circled') return label.name.codePointAt(0)! - 0x2460 + 1;
  const digits = /\d+/.exec(label.name);
  return label.kind === 'note' || label.kind === 'number' || label.kind === 'paren-number'
    ? digits
      ? Number(digits[0])
      : undefined
    : undefined;
}

function numbered(label: Label, n: number): Label {
  if (label.kind === 'note') return { name: `注${n}`, kind: 'note' };
  if (label.kind === 'paren-number') return { name: `(${n})`, kind: 'paren-number' };
  if (label.kind === 'circled') return { name: String.fromCodePoint(0x2460 + n - 1), kind: 'circled' };
  return { name: String(n), kind: 'number' };
}

/**
 * The passages a citation names, from the 告示 or (for `通知`) the 通知; or why there are none.
 * Never throws: text that is no citation is `unparsable`.
 */
export function resolveCitation(texts: { kokuji?: ClauseIndex; tsuchi?: ClauseIndex }, clause: string): CitationResolution {
  const citation = parseCitation(clause);
  if (!citation) return { status: 'unparsable' };
  const index = texts[citation.kind];
  if (!index) return { status: 'no-text', citation };
  const section = index.sections.get(citation.section);
  if (!section) return { status: 'unknown-section', citation };
  const passages: Passage[] = [];
  for (const name of citation.clauses) {
    const passage = index.passages.get(name);
    if (!passage)
      return { status: 'unknown-part', citation, clause: name, nearest: nearestClauses(section.passage, citation.section, name) };
    passages.push(passage);
  }
  return { status: 'resolved', citation, passages };
}

/**
 * The clauses of a section nearest to `missing`, at most three: first those as deep as it
 * (for `注10`, the other 注 before their イ and ロ), then by edit distance of their parts
 * (spaces aside), ties in the order of the text.
 */
function nearestClauses(root: Passage, code: string, missing: string): string[] {
  const bare = (clause: string): string => clause.slice(code.length).replace(/\s/g, '').replace(/^通知/, '');
  const wanted = bare(missing);
  const depth = labelsOf(wanted)?.length;
  const candidates: { clause: string; distance: number; otherDepth: boolean; order: number }[] = [];
  const walk = (passage: Passage, level: number): void => {
    const clause = clauseName(code, passage.part);
    if (level > 0)
      candidates.push({ clause, distance: editDistance(wanted, bare(clause)), otherDepth: level !== depth, order: candidates.length });
    for (const child of passage.children) walk(child, level + 1);
  };
  walk(root, 0);
  candidates.sort((a, b) => Number(a.otherDepth) - Number(b.otherDepth) || a.distance - b.distance || a.order - b.order);
  return candidates.slice(0, 3).map((candidate) => candidate.clause);
}
