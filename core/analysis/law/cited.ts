// What the rules cite, read against the official text of their revision: for every `source`
// a tariff file writes (for the whole file, an item or a variant), its clause, its further
// clauses (`also`) and its quote, with where each is written; and the texts a revision and
// scheme are checked against, indexed once per text. The citation checks, hover, go to
// definition and completion all read the law through here.
import { parseCitation, resolveCitation, type Citation, type CitationResolution } from './citation';
import { buildClauseIndex, type ClauseIndex, type Passage } from './clause-index';
import type { LawTextKind } from './clause-names';
import type { LawTextDecl } from './library';
import type { Scheme } from '../types';
import { asArray, asRecord, asString, locAt, type ItemDef, type Loc, type TariffDoc, type Workspace } from '../../model/workspace';
import { onPhase } from '../../model/phases';

/** The indexed official texts of one revision and scheme. */
export interface LawTexts {
  revision: string;
  scheme: Scheme;
  /** The index of each kind of text, as `resolveCitation` takes them. */
  indexes: Partial<Record<LawTextKind, ClauseIndex>>;
  /** Where each text is and what it is called. */
  files: Partial<Record<LawTextKind, { location: string; name: string }>>;
  /** `resolveCitation` on these texts, each clause resolved once for as long as the texts' indexes live. */
  resolve(clause: string): CitationResolution;
}

/**
 * The texts a revision declares for a scheme that could be read, indexed; undefined when it
 * declares none (or the host reads none), so that checks against the law stay silent.
 */
export function lawTextsOf(ws: Workspace, revision: string | undefined, scheme: Scheme | undefined): LawTexts | undefined {
  if (!ws.law || revision === undefined || scheme === undefined) return undefined;
  // Looked up once per workspace model: the checks and features ask for every citation, and a
  // look at the text (its file's size and time) costs a system call each.
  const known = textsByWorkspace(ws);
  const key = `${revision}\u0000${scheme}`;
  if (!known.has(key)) known.set(key, textsOf(ws, revision, scheme));
  return known.get(key);
}

/** The texts of each revision and scheme, per workspace model (a model is built anew on every edit). */
const textsByWorkspace = onPhase(
  { phase: 'modelled', keeps: 'the official texts of each revision and scheme' },
  (_ws: Workspace) => new Map<string, LawTexts | undefined>(),
);

function textsOf(ws: Workspace, revision: string, scheme: Scheme): LawTexts | undefined {
  const texts: LawTexts = { revision, scheme, indexes: {}, files: {}, resolve: (clause) => resolved(texts.indexes, clause) };
  for (const decl of ws.texts) {
    if (decl.revision !== revision || decl.scheme !== scheme || texts.indexes[decl.kind]) continue;
    const index = indexLawText(ws, decl);
    if (!index) continue;
    texts.indexes[decl.kind] = index;
    texts.files[decl.kind] = { location: decl.location, name: decl.name ?? decl.path };
  }
  return Object.keys(texts.indexes).length > 0 ? texts : undefined;
}

/**
 * A citation resolved in the given indexes, kept per pair of indexes: the checks resolve every
 * citation of the rules on every edit, and the answer changes only with the texts.
 */
function resolved(indexes: LawTexts['indexes'], clause: string): CitationResolution {
  const byTsuchi = resolutions(indexes.kokuji ?? NO_INDEX);
  let known = byTsuchi.get(indexes.tsuchi ?? NO_INDEX);
  if (!known) byTsuchi.set(indexes.tsuchi ?? NO_INDEX, (known = new Map()));
  let resolution = known.get(clause);
  if (!resolution) known.set(clause, (resolution = resolveCitation(indexes, clause)));
  return resolution;
}

/**
 * `parseCitation`, remembered: coverage and the exclusion check read every citation of the
 * rules on every edit. At most 10,000 are kept (a session of typing makes new ones).
 */
export function citationOf(clause: string): Citation | undefined {
  if (!citations.has(clause)) {
    if (citations.size >= 10_000) citations.clear();
    citations.set(clause, parseCitation(clause));
  }
  return citations.get(clause);
}

const citations = new Map<string, Citation | undefined>();

/** Stands for a text a revision does not declare, as a key. */
const NO_INDEX = {};
const resolutions = onPhase(
  { phase: 'law', keeps: 'the citations resolved in a 告示 index, by 通知 index' },
  (_kokuji: object) => new WeakMap<object, Map<string, CitationResolution>>(),
);

/** The clause index of a declared text, built on first use and kept while the text is the same; undefined when it cannot be read. */
export function indexLawText(ws: Workspace, decl: LawTextDecl): ClauseIndex | undefined {
  return ws.law?.derived(decl.location, `clause-index:${decl.kind}`, (text) => buildClauseIndex(text, decl.kind));
}

/** A passage with everything under it, as one text (a cited 注 includes its イ and ロ). */
export function wholeText(passage: Passage): string {
  return [passage.text, ...passage.children.map(wholeText)].join('\n');
}

/** A string a rule writes, and where. */
export interface Written {
  text: string;
  loc: Loc;
}

/** One `source` a tariff file writes: for the file, an item or a variant. */
export interface SourceRecord {
  tariff: TariffDoc;
  /** The item or variant it belongs to; undefined for the file's own `source`. */
  item: ItemDef | undefined;
  /** Its own clause, or the one it inherits (the item's for a variant, the file's for an item). */
  clause: Written | undefined;
  /** Whether `clause` is written in this record (not inherited). */
  ownClause: boolean;
  also: Written[];
  quote: Written | undefined;
}

/**
 * Every `source` of every tariff file whose revision has an official text for its scheme, in
 * workspace order: the file's first, then its items' and their variants'. Files without a
 * text are passed over at once: they may hold a hundred thousand items.
 */
export function sourceRecords(ws: Workspace): SourceRecord[] {
  const records: SourceRecord[] = [];
  for (const tariff of ws.tariffs) {
    if (!lawTextsOf(ws, tariff.revision, tariff.scheme)) continue;
    const fileLoc: Loc = { file: tariff.file, doc: tariff.doc, pointer: '/source' };
    const file = recordOf(tariff, undefined, asRecord(asRecord(tariff.doc.value)?.source), fileLoc, undefined);
    if (file) records.push(file);
    const visit = (item: ItemDef, inherited: Written | undefined) => {
      const record = recordOf(tariff, item, asRecord(item.raw.source), locAt(item.loc, 'source'), inherited);
      if (record) records.push(record);
      for (const variant of item.variants) visit(variant, record?.clause ?? inherited);
    };
    for (const item of tariff.items) visit(item, file?.clause);
  }
  return records;
}

/** Each revision and scheme that declares an official text, once, in the order revisions.yaml gives. */
export function lawSchemes(ws: Workspace): (readonly [string, Scheme])[] {
  return [...new Map(ws.texts.map((t) => [`${t.revision} ${t.scheme}`, [t.revision, t.scheme] as const])).values()];
}

/** The clauses an item or variant cites: the clause in effect for it, then its own `also` entries. */
export function citedBy(item: ItemDef): Written[] {
  const clause = effectiveClause(item);
  return [...(clause ? [clause] : []), ...alsoOf(asRecord(item.raw.source), locAt(item.loc, 'source'))];
}

/** The clauses a record writes itself: its own clause, then its `also` entries. */
export function writtenClauses(record: SourceRecord): Written[] {
  return [...(record.ownClause && record.clause ? [record.clause] : []), ...record.also];
}

/** The clause in effect for an item or variant: its own, its item's, or its file's. */
export function effectiveClause(item: ItemDef): Written | undefined {
  for (let at: ItemDef | undefined = item; at; at = at.owner) {
    const clause = at.source.clause;
    if (clause !== undefined) return { text: clause, loc: locAt(at.loc, 'source', 'clause') };
  }
  const clause = asString(asRecord(asRecord(item.tariff.doc.value)?.source)?.clause);
  return clause === undefined
    ? undefined
    : { text: clause, loc: { file: item.tariff.file, doc: item.tariff.doc, pointer: '/source/clause' } };
}

function recordOf(
  tariff: TariffDoc,
  item: ItemDef | undefined,
  source: Record<string, unknown> | undefined,
  loc: Loc,
  inherited: Written | undefined,
): SourceRecord | undefined {
  if (!source) return item ? { tariff, item, clause: inherited, ownClause: false, also: [], quote: undefined } : undefined;
  const written = (key: string): Written | undefined => {
    const text = asString(source[key]);
    return text === undefined ? undefined : { text, loc: locAt(loc, key) };
  };
  const own = written('clause');
  return { tariff, item, clause: own ?? inherited, ownClause: own !== undefined, also: alsoOf(source, loc), quote: written('quote') };
}

/** The `also` entries of a `source` (at `loc`), with their places. */
function alsoOf(source: Record<string, unknown> | undefined, loc: Loc): Written[] {
  return asArray(source?.also).flatMap((value, i) => (typeof value === 'string' ? [{ text: value, loc: locAt(loc, 'also', i) }] : []));
}

/** A clause written at an offset of a tariff file (a `clause` or an `also` entry), with the texts of its revision. */
export interface CitationAt {
  record: SourceRecord;
  written: Written;
  texts: LawTexts | undefined;
}

export function citationAt(ws: Workspace, file: string, offset: number): CitationAt | undefined {
  for (const record of sourceRecords(ws)) {
    if (record.tariff.file !== file) continue;
    for (const w of writtenClauses(record)) {
      const span = w.loc.doc.spans.get(w.loc.pointer)?.value;
      if (span && offset >= span.start && offset <= span.end)
        return { record, written: w, texts: lawTextsOf(ws, record.tariff.revision, record.tariff.scheme) };
    }
  }
  return undefined;
}
