// The sentences of the official texts that say two fees are not claimed together — 「区分番号
// Ｂ００３に掲げる開放型病院共同指導料（Ⅱ）は別に算定できない」 — with the 区分 (and 注) they
// name and which fee the text keeps, so a check can hold a rule's exclusions to the text.

import type { Passage, Section, Sentence } from './clause-index';
import { canonicalCode, canonicalLabel, clauseName, CODE_DASH, partName, type Label } from './clause-names';

/**
 * How the sentence says it:
 * - `not-separately`: 「X は（、）別に算定できない」 (also 算定しない);
 * - `not-claimable`: 「X は算定できない」, naming X;
 * - `not-together`: 「X と併せて算定できない」, 「X 及び Y は同時に算定できない」, 「X は併せて算定できない」;
 * - `not-when-claimed`: 「X を算定する場合は、算定できない」 (X claimed, this passage's fee is not);
 * - `included`: 「X は、所定点数に含まれ（る）」, 「X は、Z に含まれ、別に算定できない」.
 */
export type ExclusionPhrase = 'not-separately' | 'not-claimable' | 'not-together' | 'not-when-claimed' | 'included';

/**
 * Which fee the sentence keeps: `own-wins` — the fee whose text holds the sentence (in Y's
 * text 「X は別に算定できない」, Y is claimed and X is not); `named-wins` — a named fee (「X を
 * 算定する場合は、算定できない」, or Y's cost included in X); `mutual` — the fees exclude
 * each other and the text does not say which is kept (「X と併せて算定できない」, 「Y と X は
 * 併せて算定できない」, or a section's own notes 「注９及び注10は併せて算定できない」).
 */
export type ExclusionDirection = 'own-wins' | 'named-wins' | 'mutual';

/** A clause a sentence names: `{ section: 'B005', clause: 'B005 注3' }`, `{ section: 'B003', clause: 'B003' }`. */
export interface NamedClause {
  section: string;
  /** Canonical clause, as a citation writes it: `B005 注3`, `B001 10`, `B003`. */
  clause: string;
}

export interface ExclusionSentence {
  /** The section whose text holds the sentence (its first code). */
  section: string;
  passage: Passage;
  sentence: Sentence;
  phrase: ExclusionPhrase;
  named: NamedClause[];
  direction: ExclusionDirection;
}

/**
 * The exclusion sentences of a section: every sentence of its passages (items, 注, 通知
 * paragraphs and their parts) that states an exclusion in one of the fixed phrases of these
 * texts and names what it excludes — a 区分 (`区分番号Ｂ００３`, in the 通知 `「Ｂ００３」`),
 * with its item or 注 when the sentence gives one (`区分番号Ｂ００５の注３`, `「Ａ１０１」…の
 * 「注３」`), or a 注 of the section itself (`注３に規定する加算`). Precise rather than greedy:
 *
 * - what is named by name only (「外来管理加算は算定できない」) is not found: names are not
 *   mapped to codes;
 * - a named 区分 that only qualifies the subject (「…を算定する患者」, 「…と同一日に行う」,
 *   「…の場合」) or stands in parentheses is not counted as excluded;
 * - a range of 区分 (「区分番号Ｄ２２０からＤ２２３－２まで」) names its first only: the codes
 *   between are not printed;
 * - a section that serves several 区分 (the 通知's 「Ｂ００４…、Ｂ００５…」) names its own 注
 *   without saying whose, so bare 注 are left out there; in the 通知 a bare 注 is taken as the
 *   section's even where the 告示 gives the section's items notes of their own (B001);
 * - sentences in other phrasings (「…を算定した月には、３を算定することはできない」 naming an
 *   item by its number alone, 「…の費用は含まれない」) and exclusions spread over two sentences
 *   are out of reach.
 */
export function exclusionSentences(section: Section): ExclusionSentence[] {
  const found: ExclusionSentence[] = [];
  // `notes`: the passage whose 注 a bare 「注３」 means — the section's, or in a section whose
  // items have notes of their own (B001), the item's.
  const walk = (passage: Passage, notes: Passage): void => {
    const context: Context = { section, notes: section.codes.length === 1 ? notes : undefined };
    for (const sentence of passage.sentences) {
      for (const reading of readSentence(sentence.text, context)) found.push({ section: section.code, passage, sentence, ...reading });
    }
    const holdsNotes = passage.children.some((child) => /(?:^| )注\d*$/.test(child.part));
    for (const child of passage.children) walk(child, holdsNotes ? passage : notes);
  };
  walk(section.passage, section.passage);
  return found;
}

interface Context {
  section: Section;
  /** Whose 注 a bare 「注３」 is; unknown where a section serves several 区分. */
  notes: Passage | undefined;
}

interface Reading {
  phrase: ExclusionPhrase;
  named: NamedClause[];
  direction: ExclusionDirection;
}

/** The predicates of exclusion; each ends a clause of the sentence, read back to the one before. */
const PREDICATE = /に含まれ(?!な|ず)|(同時に|併せて)?(別に)?算定(?:できない|しない|することはできない|することができない)/g;

/**
 * Where the subject of a predicate begins: after the last condition (「…場合は、」, 「…ときは」),
 * opening word (「ただし、」, 「また、」, 「なお、」), topic (「…については、」, 「…にあっては、」)
 * or clause of its own (「…が含まれており、」, 「…は１回に限り算定し、」).
 */
const BOUNDARY =
  /(?:場合|とき|際|日|月)(?:に(?:お)?いて)?(?:(?:は|には|も|にも)、?|、)|(?:ただし|また|なお|この場合において|さらに)、|(?:については|にあっては|においては|に(?:お)?いて)、|(?:おり|あり|ため|ので|算定し)、/g;

/** A topic marker 「は」 (not the end of 「又は」 or 「若しくは」). */
const TOPIC = /(?<!又|若しく|或い|あるい)は、?/g;

function readSentence(text: string, context: Context): Reading[] {
  const readings: Reading[] = [];
  let from = 0;
  for (const match of text.matchAll(PREDICATE)) {
    const window = text.slice(from, match.index);
    from = match.index + match[0].length;
    const reading = match[0].startsWith('に含まれ')
      ? readIncluded(window, context)
      : readNotClaimable(window, match[1] !== undefined, match[2] !== undefined, context);
    if (reading) readings.push(reading);
  }
  return readings;
}

/** 「X は（、）別に算定できない」 and its kin; or 「X を算定する場合は、算定できない」. */
function readNotClaimable(window: string, together: boolean, separately: boolean, context: Context): Reading | undefined {
  const boundary = lastEnd(window, BOUNDARY);
  const subject = window.slice(boundary);
  const named = namedIn(subject, context);
  if (named.length > 0) {
    // 「X と併せて算定できない」, 「Y と X は併せて算定できない」 and, of a section's own notes,
    // 「注９及び注10は併せて算定できない」 keep neither; 「X（及び Z）は併せて算定できない」 in
    // Y's text keeps Y, as 「別に」 does.
    if (together) {
      const mutual =
        /と[^、。「」]{0,8}$|と「|と区分番号/.test(subject) ||
        (named.length > 1 && named.every((one) => context.section.codes.includes(one.section)));
      return { phrase: 'not-together', named, direction: mutual ? 'mutual' : 'own-wins' };
    }
    return { phrase: separately ? 'not-separately' : 'not-claimable', named, direction: 'own-wins' };
  }
  // Nothing named as the subject: the fee not claimed is this passage's own, when a named fee is.
  if (!OWN_SUBJECT.test(subject)) return undefined;
  const condition = window.slice(0, boundary);
  const claimed = [...condition.matchAll(CLAIMED)].pop();
  if (!claimed) return undefined;
  const before = condition.slice(0, claimed.index);
  const conditionNamed = namedIn(before.slice(lastEnd(before, BOUNDARY)), context);
  return conditionNamed.length > 0 ? { phrase: 'not-when-claimed', named: conditionNamed, direction: 'named-wins' } : undefined;
}

/** A subject that names nothing else: empty, or the passage's own fee (「当該加算は」, 「所定点数は」). */
const OWN_SUBJECT =
  /^(?:、|同一日に|同一日には|同日に|同月に|別に|当該[^、。は]{0,12}は|本[^、。は]{0,12}は|所定点数は|これらは|この場合において)*$/;

/** 「…を算定する場合」, 「…を算定した日」: what is claimed in a condition. */
const CLAIMED = /を算定(?:する|した|している|すべき)(?:場合|日|月|とき)/g;

/** 「X は、Z に含まれ」: X is not claimed beside Z; Z is this passage's fee unless it is named. */
function readIncluded(window: string, context: Context): Reading | undefined {
  const clause = window.slice(lastEnd(window, BOUNDARY));
  const topics = [...clause.matchAll(TOPIC)];
  const topic = topics[topics.length - 1];
  if (!topic) return undefined;
  const includer = namedIn(clause.slice(topic.index + topic[0].length), context).filter(
    (named) => !context.section.codes.includes(named.section),
  );
  const subject = namedIn(clause.slice(0, topic.index), context);
  if (subject.length > 0 && includer.length === 0) return { phrase: 'included', named: subject, direction: 'own-wins' };
  if (subject.length === 0 && includer.length > 0) return { phrase: 'included', named: includer, direction: 'named-wins' };
  return undefined;
}

function lastEnd(text: string, pattern: RegExp): number {
  let end = 0;
  for (const match of text.matchAll(pattern)) end = match.index + match[0].length;
  return end;
}

const CODE = `[Ａ-Ｚ][０-９]{3}(?:${CODE_DASH}[０-９0-9]+)*`;

/**
 * A 区分 named in running text: in the 告示 `区分番号Ｂ００５` (and, later in a list, `Ｂ００５`);
 * in the 通知 `「Ｂ００５」` (the 通知 says once that it leaves out 区分番号) or, in older
 * texts, `区分番号「Ｂ００５」` and `区分番号Ｂ００５`.
 */
const MENTION = new RegExp(`区分番号「?(${CODE})」?|「(${CODE})」|(?<![Ａ-Ｚ０-９])(${CODE})(?=に掲げ|に規定|の)`, 'g');

/** A 注 of the section itself: `注３` (告示), `「注３」` (通知), not `…の注３` (another fee's). */
const OWN_NOTE = /(?<!の|の「|」|「)「?注 ?([０-９0-9]+)」?(?:から「?注 ?([０-９0-9]+)」?まで)?(?=[、及又並若]|に規定|に掲げ)/g;

/** After a list of mentions: it only qualifies the subject (「…を算定する患者」, 「…と同一日に行う」). */
const QUALIFIER = /と同一日|と同日|を算定|と併せて|場合|において|に対して|とは|を行っ|を実施|により/;

/** What parts one item of a list from the next. */
const SEPARATOR = /、|及び|並びに|又は|若しくは/;

/** A separator followed by another mention: the list goes on. */
const LIST_GOES_ON = new RegExp(`^(?:${SEPARATOR.source})(?:区分番号|「?${CODE}|「?注 ?[０-９0-9])`);

/**
 * The words after a mention that say what the list it stands in is: up to the first
 * separator that no further mention follows. 「注６、注13又は注14に規定する点数を算定する
 * 患者」 makes all three qualifiers; 「区分番号Ｂ００３に掲げる…、区分番号Ｂ００５に掲げる…は」
 * names both.
 */
function listTail(text: string, from: number): string {
  let end = from;
  for (;;) {
    const next = SEPARATOR.exec(text.slice(end));
    if (!next) return text.slice(from);
    const at = end + next.index;
    if (!LIST_GOES_ON.test(text.slice(at))) return text.slice(from, at);
    end = at + next[0].length;
  }
}

/** The clauses a stretch of text names, in order, once each; what stands in parentheses is left out. */
function namedIn(text: string, { section, notes }: Context): NamedClause[] {
  const plain = withoutParentheses(text);
  const named = new Map<string, NamedClause>();
  const mentions = [...plain.matchAll(MENTION)];
  mentions.forEach((mention, index) => {
    const end = mention.index + mention[0].length;
    if (QUALIFIER.test(listTail(plain, end))) return;
    const item = plain.slice(end, mentions[index + 1]?.index ?? plain.length).split(SEPARATOR)[0]!;
    const code = canonicalCode((mention[1] ?? mention[2] ?? mention[3])!);
    // The 注 and items are the 告示's, which both texts cite: 「Ａ１０１」…の「注３」 is `A101 注3`.
    const clause = clauseName(code, partName(labelsAfter(item), 'kokuji'));
    // The section naming itself as a whole (「本区分」 written with its code) excludes nothing.
    if (clause !== code || !section.codes.includes(code)) named.set(clause, { section: code, clause });
  });
  if (notes) {
    for (const note of plain.matchAll(OWN_NOTE)) {
      if (QUALIFIER.test(listTail(plain, note.index + note[0].length))) continue;
      const first = Number(canonicalLabel(note[1]!).name);
      const last = note[2] === undefined ? first : Number(canonicalLabel(note[2]).name);
      // 「注４から注８まで」 names every note between; a range wider than a section has notes is a misreading.
      for (let n = first; n <= Math.min(last, first + MAX_NOTES); n++) {
        const clause = clauseName(section.code, notes.part === '' ? `注${n}` : `${notes.part} 注${n}`);
        named.set(clause, { section: section.code, clause });
      }
    }
  }
  return [...named.values()];
}

/** More notes than any section of the texts has (A001, with the most, has twenty). */
const MAX_NOTES = 50;

/** The item and 注 a mention's words give: `の10に掲げる` → 10, `の注３`, `…の「注３」`, `…の「１」`. */
function labelsAfter(item: string): Label[] {
  const labels: Label[] = [];
  const number = /^」?の「?([０-９0-9]+)」?|^[^、「」]*?の「([０-９0-9]+)」/.exec(item);
  if (number) labels.push(canonicalLabel((number[1] ?? number[2])!));
  const note = /の「?注 ?([０-９0-9]+)」?/.exec(item);
  if (note) labels.push({ name: `注${canonicalLabel(note[1]!).name}`, kind: 'note' });
  return labels;
}

function withoutParentheses(text: string): string {
  let result = '';
  let depth = 0;
  for (const c of text) {
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
    else if (depth === 0) result += c;
  }
  return result;
}
