// The workspace model: every rule, facts, revision and scenario file, indexed by id across
// files, with each definition's location. Built leniently from whatever parsed, so one broken
// file never hides the findings of the rest of the workspace.
import { FACT_TYPES, type FactType } from './operators';
import { LAW_TEXT_KINDS, locationOf, type LawLibrary, type LawTextDecl } from '../analysis/law/library';
import type { ParsedFile, YamlDoc } from '../analysis/parse';
import { asArray, asRecord, asString, locAt, type Loc } from './read';
import { conditionOf, type Condition } from './condition';
import { itemParts, sourceOf, type ItemParts } from './item';

export { asArray, asRecord, asString, locAt, type Loc } from './read';
import { SCHEMES, type Label, type Scheme } from '../analysis/types';
import { onPhase } from './phases';

export interface RevisionDef {
  id: string;
  /** The revision's name (`name:`, e.g. 令和6年度診療報酬改定), '' when none. */
  name: string;
  effective: Partial<Record<Scheme, string>>;
  supersedes: { id: string; loc: Loc }[];
  loc: Loc;
}

export type { FactType } from './operators';

export interface FactDef {
  name: string;
  type: FactType | undefined;
  values: string[];
  min: number | undefined;
  max: number | undefined;
  label: string | undefined;
  /** The English label, shown instead of `label` in English. */
  labelEn: string | undefined;
  /** Labels of values (an enum or set value, or an integer written as text: `"-1"`). */
  valueLabels: ReadonlyMap<string, Label>;
  description: string | undefined;
  unit: string | undefined;
  /** The value taken when the fact is not given (undefined when none). */
  default: unknown;
  raw: Record<string, unknown>;
  loc: Loc;
}

/** The header of one tariff document: which revision and scheme its items belong to. */
export interface TariffDoc {
  file: string;
  doc: YamlDoc;
  revision: string | undefined;
  scheme: Scheme | undefined;
  items: ItemDef[];
}

/** An item, or a variant of an item (then `owner` is set), with its typed parts. */
export interface ItemDef extends ItemParts {
  id: string;
  name: string | undefined;
  aliases: string[];
  raw: Record<string, unknown>;
  loc: Loc;
  tariff: TariffDoc;
  /** The item this variant belongs to; undefined for items. */
  owner: ItemDef | undefined;
  variants: ItemDef[];
  /** Position in workspace order (files by path, then position in the file). */
  order: number;
}

export interface ScenarioDef {
  /** The scenario's title (`scenario:`), '' when none. */
  name: string;
  date: string | undefined;
  /** The facts given, as written. */
  facts: Record<string, unknown> | undefined;
  raw: Record<string, unknown>;
  revision: string | undefined;
  loc: Loc;
}

/** A clause of the official text that the rules leave out on purpose, with the reason (a *.waivers.yaml entry). */
export interface WaiverDef {
  revision: string | undefined;
  scheme: Scheme | undefined;
  clause: string;
  reason: string | undefined;
  loc: Loc;
}

export interface ConstraintDef {
  cond: Condition;
  loc: Loc;
}

export interface Workspace {
  files: ParsedFile[];
  revisions: Map<string, RevisionDef[]>;
  facts: Map<string, FactDef[]>;
  constraints: ConstraintDef[];
  tariffs: TariffDoc[];
  /** Items and variants in workspace order. */
  items: ItemDef[];
  scenarios: ScenarioDef[];
  waivers: WaiverDef[];
  /** The official texts the revisions declare, in workspace order. */
  texts: LawTextDecl[];
  /** Where those texts are read; undefined when the host reads none (then the checks against them are silent). */
  law: LawLibrary | undefined;
}

/**
 * Builds the model from parsed files (any order: they are sorted into workspace order). Each
 * file's definitions are kept on its parse, so after an edit only the edited file is read
 * again: the model of a 10,000-item workspace is then put together in about a millisecond.
 * The definitions take their place in workspace order from the model built last, so there is
 * one model of a set of parses at a time; a file on its own is `definitionsOf(file)`.
 */
export function buildWorkspace(files: readonly ParsedFile[], law?: LawLibrary, previous?: Workspace): Workspace {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const ws = emptyWorkspace(sorted, law);
  // The previous model of the same texts but for an edit: its index of ids is mended, not built again.
  const index = previous && itemsById.take(previous);
  if (previous && index) handedOver(ws).index = { files: previous.files, byId: index };
  for (const file of sorted) {
    const defs = definitionsOf(file);
    appendGroups(ws.revisions, defs.revisions);
    appendGroups(ws.facts, defs.facts);
    append(ws.constraints, defs.constraints);
    append(ws.tariffs, defs.tariffs);
    // Definitions are shared between the models of successive edits; only their place in
    // workspace order depends on the other files.
    for (const item of defs.items) {
      item.order = ws.items.length;
      ws.items.push(item);
    }
    append(ws.scenarios, defs.scenarios);
    append(ws.waivers, defs.waivers);
    append(ws.texts, defs.texts);
  }
  return ws;
}

/** The definitions of one file, in the shape of a workspace of that file alone (kept while its parse is). */
export const definitionsOf = onPhase({ phase: 'parsed', keeps: 'the definitions of a file' }, (file: ParsedFile): Workspace => {
  const ws = emptyWorkspace([file], undefined);
  for (const doc of file.docs) {
    const root = asRecord(doc.value);
    if (!root) continue;
    const at = (pointer: string): Loc => ({ file: file.file, doc, pointer });
    switch (file.kind) {
      case 'revisions':
        asArray(root.revisions).forEach((raw, i) => addRevision(ws, raw, at(`/revisions/${i}`)));
        break;
      case 'facts':
        asArray(root.facts).forEach((raw, i) => addFact(ws, raw, at(`/facts/${i}`)));
        asArray(root.constraints).forEach((value, i) => ws.constraints.push({ cond: conditionOf(value), loc: at(`/constraints/${i}`) }));
        break;
      case 'tariff':
        addTariff(ws, root, file.file, doc);
        break;
      case 'scenario':
        ws.scenarios.push({
          name: asString(root.scenario) ?? '',
          date: asString(root.date),
          facts: asRecord(root.facts),
          raw: root,
          revision: asString(root.revision),
          loc: at(''),
        });
        break;
      case 'waivers':
        asArray(root.waivers).forEach((raw, i) => {
          const clause = asString(asRecord(raw)?.clause);
          if (clause === undefined) return;
          const scheme = SCHEMES.find((s) => s === root.scheme);
          ws.waivers.push({
            revision: asString(root.revision),
            scheme,
            clause,
            reason: asString(asRecord(raw)?.reason),
            loc: at(`/waivers/${i}`),
          });
        });
        break;
      default:
        break;
    }
  }
  return ws;
});

function emptyWorkspace(files: ParsedFile[], law: LawLibrary | undefined): Workspace {
  return {
    files,
    revisions: new Map(),
    facts: new Map(),
    constraints: [],
    tariffs: [],
    items: [],
    scenarios: [],
    waivers: [],
    texts: [],
    law,
  };
}

function appendGroups<T>(into: Map<string, T[]>, from: ReadonlyMap<string, readonly T[]>): void {
  for (const [key, list] of from) {
    const known = into.get(key);
    if (known) append(known, list);
    else into.set(key, [...list]);
  }
}

/** `push(...more)` without spreading: a file may hold more definitions than a call can take arguments. */
function append<T>(into: T[], more: readonly T[]): void {
  for (const value of more) into.push(value);
}

/** The item or variant with an id in a revision (its first definition), if any. */
export function itemIn(ws: Workspace, revision: string | undefined, id: string): ItemDef | undefined {
  // Loops, not `find`: the logic context asks this for both ends of every relation.
  const defs = itemsById(ws).get(id);
  if (defs) for (const item of defs) if (item.tariff.revision === revision) return item;
  return undefined;
}

/** How a person is shown an item: its id, then its name (`B005 退院時共同指導料２`). */
export function itemTitle(item: { id: string; name?: string | undefined }): string {
  return item.name ? `${item.id} ${item.name}` : item.id;
}

/** A fact's label in both languages, as messages take it. */
export function factLabel(def: FactDef): Label | undefined {
  if (!def.label) return undefined;
  return def.labelEn ? { ja: def.label, en: def.labelEn } : { ja: def.label };
}

/**
 * Items and variants grouped by id (across revisions), in workspace order; computed once per
 * workspace, or mended from the previous model's (handed over by `buildWorkspace`).
 */
export const itemsById = onPhase({ phase: 'modelled', keeps: 'items by id' }, (ws: Workspace): Map<string, ItemDef[]> => {
  const previous = handedOver(ws).index;
  handedOver(ws).index = undefined;
  return (previous && mended(ws, previous)) ?? indexById(ws.items);
});

/** What the previous model hands over to the next one. */
const handedOver = onPhase(
  { phase: 'modelled', keeps: "the previous model's index of ids, until it is mended" },
  (_ws: Workspace): { index?: { files: readonly ParsedFile[]; byId: Map<string, ItemDef[]> } } => ({}),
);

function indexById(items: readonly ItemDef[]): Map<string, ItemDef[]> {
  const byId = new Map<string, ItemDef[]>();
  for (const item of items) {
    const list = byId.get(item.id);
    if (list) list.push(item);
    else byId.set(item.id, [item]);
  }
  return byId;
}

/**
 * The previous index with the definitions of the files that changed taken out and put in (in
 * workspace order); undefined when many files changed, where building it afresh is as quick.
 */
function mended(
  ws: Workspace,
  previous: { files: readonly ParsedFile[]; byId: Map<string, ItemDef[]> },
): Map<string, ItemDef[]> | undefined {
  const now = new Set(ws.files);
  const before = new Set(previous.files);
  const gone = previous.files.filter((file) => !now.has(file));
  const come = ws.files.filter((file) => !before.has(file));
  if (gone.length + come.length > Math.max(4, ws.files.length / 10)) return undefined;
  const { byId } = previous;
  const touched = new Set<string>();
  for (const file of gone) {
    for (const item of definitionsOf(file).items) {
      const list = byId.get(item.id);
      const at = list?.indexOf(item) ?? -1;
      if (at >= 0) list!.splice(at, 1);
      touched.add(item.id);
    }
  }
  for (const file of come) {
    for (const item of definitionsOf(file).items) {
      const list = byId.get(item.id);
      if (list) list.push(item);
      else byId.set(item.id, [item]);
      touched.add(item.id);
    }
  }
  for (const id of touched) {
    const list = byId.get(id)!;
    if (list.length === 0) byId.delete(id);
    else list.sort((a, b) => a.order - b.order);
  }
  return byId;
}

/** All ids defined per revision, for lookups and suggestions; computed once per workspace. */
export const idsByRevision = onPhase({ phase: 'modelled', keeps: 'ids by revision' }, (ws: Workspace) => {
  const map = new Map<string | undefined, Set<string>>();
  for (const item of ws.items) {
    let set = map.get(item.tariff.revision);
    if (!set) map.set(item.tariff.revision, (set = new Set()));
    set.add(item.id);
  }
  return map as ReadonlyMap<string | undefined, ReadonlySet<string>>;
});

/** The item whose amount, limit and relations a variant shares (itself for items). */
export function topItem(item: ItemDef): ItemDef {
  return item.owner ?? item;
}

function addRevision(ws: Workspace, raw: unknown, loc: Loc): void {
  const record = asRecord(raw);
  const id = asString(record?.id);
  if (!record || id === undefined) return;
  const effective: Partial<Record<Scheme, string>> = {};
  const eff = asRecord(record.effective);
  for (const scheme of SCHEMES) {
    const date = asString(eff?.[scheme]);
    if (date !== undefined) effective[scheme] = date;
  }
  const supersedes: { id: string; loc: Loc }[] = [];
  if (typeof record.supersedes === 'string') supersedes.push({ id: record.supersedes, loc: locAt(loc, 'supersedes') });
  asArray(record.supersedes).forEach((s, i) => {
    if (typeof s === 'string') supersedes.push({ id: s, loc: locAt(loc, 'supersedes', i) });
  });
  const list = ws.revisions.get(id) ?? [];
  list.push({ id, name: asString(record.name) ?? '', effective, supersedes, loc });
  ws.revisions.set(id, list);
  asArray(record.texts).forEach((raw, i) => {
    const text = asRecord(raw);
    const scheme = SCHEMES.find((s) => s === text?.scheme);
    const kind = LAW_TEXT_KINDS[asString(text?.kind) ?? ''];
    const path = asString(text?.path);
    if (!scheme || !kind || !path) return;
    ws.texts.push({
      revision: id,
      scheme,
      kind,
      name: asString(text?.name),
      path,
      location: locationOf(loc.file, path),
      loc: locAt(loc, 'texts', i),
    });
  });
}

function addFact(ws: Workspace, raw: unknown, loc: Loc): void {
  const record = asRecord(raw);
  const name = asString(record?.name);
  if (!record || name === undefined) return;
  const type = FACT_TYPES.find((t) => t === record.type);
  const def: FactDef = {
    name,
    type,
    values: asArray(record.values).filter((v): v is string => typeof v === 'string'),
    min: typeof record.min === 'number' ? record.min : undefined,
    max: typeof record.max === 'number' ? record.max : undefined,
    label: asString(record.label),
    labelEn: asString(record['label-en']),
    valueLabels: valueLabelsOf(record['value-labels']),
    description: asString(record.description),
    unit: asString(record.unit),
    default: record.default ?? undefined,
    raw: record,
    loc,
  };
  const list = ws.facts.get(name) ?? [];
  list.push(def);
  ws.facts.set(name, list);
}

function valueLabelsOf(raw: unknown): Map<string, Label> {
  const labels = new Map<string, Label>();
  for (const [value, label] of Object.entries(asRecord(raw) ?? {})) {
    const ja = typeof label === 'string' ? label : asString(asRecord(label)?.ja);
    const en = typeof label === 'string' ? undefined : asString(asRecord(label)?.en);
    if (ja) labels.set(value, en ? { ja, en } : { ja });
  }
  return labels;
}

function addTariff(ws: Workspace, root: Record<string, unknown>, file: string, doc: YamlDoc): void {
  const scheme = SCHEMES.includes(root.scheme as Scheme) ? (root.scheme as Scheme) : undefined;
  const tariff: TariffDoc = { file, doc, revision: asString(root.revision), scheme, items: [] };
  ws.tariffs.push(tariff);
  const fileSource = sourceOf(asRecord(root.source));
  asArray(root.items).forEach((raw, i) => {
    const item = makeItem(ws, tariff, raw, { file, doc, pointer: `/items/${i}` }, undefined, fileSource);
    if (!item) return;
    tariff.items.push(item);
    asArray(asRecord(item.raw.variants)?.options).forEach((option, j) => {
      const variant = makeItem(ws, tariff, option, locAt(item.loc, 'variants', 'options', j), item, fileSource);
      if (variant) item.variants.push(variant);
    });
  });
}

function makeItem(
  ws: Workspace,
  tariff: TariffDoc,
  raw: unknown,
  loc: Loc,
  owner: ItemDef | undefined,
  fileSource: ItemParts['source'],
): ItemDef | undefined {
  const record = asRecord(raw);
  const id = asString(record?.id);
  if (!record || id === undefined) return undefined;
  const parts = itemParts(record, loc, { scheme: tariff.scheme, fileSource, owner });
  // Every field named, in one order: spreading the parts gave each item a hidden class of its
  // own in V8, which made every read of an item's fields, in every check, a slow lookup.
  const item: ItemDef = {
    parent: parts.parent,
    requires: parts.requires,
    combinable: parts.combinable,
    relations: parts.relations,
    when: parts.when,
    conditions: parts.conditions,
    pick: parts.pick,
    limit: parts.limit,
    amount: parts.amount,
    effective: parts.effective,
    abolished: parts.abolished,
    claimant: parts.claimant,
    source: parts.source,
    citation: parts.citation,
    id,
    name: asString(record.name),
    aliases: asArray(record.aliases).filter((a): a is string => typeof a === 'string'),
    raw: record,
    loc,
    tariff,
    owner,
    variants: [],
    // Its place in the file for now; `buildWorkspace` gives it its place in the workspace.
    order: ws.items.length,
  };
  ws.items.push(item);
  return item;
}
