// Conditions as a typed tree, built once from what the YAML says: the checks, the solver's
// translation, the live evaluation and the compiler all walk this tree instead of the parsed
// value. Every node says where it is written, relative to its condition, so that the same
// tree serves again after an edit elsewhere in the file (positions above it move, the tree
// does not). Imports only the operators table and the phases: the runtime reads it too.
import { OPERATOR } from './operators';
import { onPhase } from './phases';

/** A condition, or a part of one. */
export type Condition = Atom | Group | Negation | Malformed;

/** `{ fact, <operator>: value }`. */
export interface Atom {
  kind: 'atom';
  fact: string;
  /** The first key other than `fact`; undefined when there is none. */
  op: string | undefined;
  value: unknown;
  /** Written exactly as the language defines: `fact` and one operator key. */
  wellFormed: boolean;
  at: string;
}

/** `all:` / `any:` lists, and a bare list (which means all). */
export interface Group {
  kind: 'all' | 'any';
  parts: Condition[];
  /** Not empty and, for `all:`/`any:`, the only key of its mapping. */
  wellFormed: boolean;
  at: string;
}

export interface Negation {
  kind: 'not';
  part: Condition;
  /** `not` is the only key of its mapping. */
  wellFormed: boolean;
  at: string;
}

/**
 * Something that is not a condition (a scalar, a mapping without `fact`, several of
 * all/any/not at once, nesting past the depth limit that the parser reads as null). Its
 * conditions-looking parts are kept so that the fact checks still see their atoms; it is
 * unknown when evaluated and cannot be analysed.
 */
export interface Malformed {
  kind: 'malformed';
  parts: Condition[];
  at: string;
}

/**
 * The tree of a written condition, `at` its place relative to the condition's own location
 * ('' for the condition itself). A mapping or list the parser kept from the previous analysis
 * (its text did not change) gives back the same tree, so caches keyed by the tree survive edits.
 */
export function conditionOf(value: unknown): Condition {
  if (value === null || typeof value !== 'object') return build(value, '');
  return treeOf(value);
}

/** Calls `visit` for every atom of a condition, in document order (malformed parts included). */
export function forEachAtomOf(cond: Condition, visit: (atom: Atom) => void): void {
  switch (cond.kind) {
    case 'atom':
      return visit(cond);
    case 'not':
      return forEachAtomOf(cond.part, visit);
    default:
      for (const part of cond.parts) forEachAtomOf(part, visit);
  }
}

/** The place of a node: its condition's place (a document and a JSON Pointer) extended by the node's `at`. */
export function placeOf<L extends { pointer: string }>(loc: L, node: Condition): L {
  return node.at === '' ? loc : { ...loc, pointer: loc.pointer + node.at };
}

/** The facts a condition reads, the other side of `*-fact` comparisons included, in order of appearance. */
export function factNamesOf(cond: Condition): string[] {
  const names: string[] = [];
  forEachAtomOf(cond, (atom) => {
    names.push(atom.fact);
    if (atom.op !== undefined && OPERATOR.get(atom.op)?.operand === 'fact' && typeof atom.value === 'string') names.push(atom.value);
  });
  return names;
}

/** Whether the whole tree is written as the language defines (nothing malformed anywhere). */
export function wellFormed(cond: Condition): boolean {
  switch (cond.kind) {
    case 'atom':
      return cond.wellFormed;
    case 'not':
      return cond.wellFormed && wellFormed(cond.part);
    case 'malformed':
      return false;
    default:
      return cond.wellFormed && cond.parts.every(wellFormed);
  }
}

const treeOf = onPhase({ phase: 'parsed', keeps: 'the tree of a written condition' }, (value: object) => build(value, ''));

const CONNECTIVES = ['all', 'any', 'not'] as const;

function build(value: unknown, at: string): Condition {
  if (Array.isArray(value)) {
    return { kind: 'all', parts: value.map((part, i) => build(part, `${at}/${i}`)), wellFormed: value.length > 0, at };
  }
  if (value === null || typeof value !== 'object') return { kind: 'malformed', parts: [], at };
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (typeof record.fact === 'string') {
    const op = keys.find((key) => key !== 'fact');
    return { kind: 'atom', fact: record.fact, op, value: op === undefined ? undefined : record[op], wellFormed: keys.length === 2, at };
  }
  const present = CONNECTIVES.filter((key) => key in record);
  const partsOf = (key: (typeof CONNECTIVES)[number]): Condition[] => {
    if (key === 'not') return [build(record.not, `${at}/not`)];
    const list = record[key];
    return Array.isArray(list) ? list.map((part, i) => build(part, `${at}/${key}/${i}`)) : [];
  };
  if (present.length === 1) {
    const key = present[0]!;
    if (key === 'not') return { kind: 'not', part: partsOf('not')[0]!, wellFormed: keys.length === 1, at };
    const parts = partsOf(key);
    if (Array.isArray(record[key])) return { kind: key, parts, wellFormed: keys.length === 1 && parts.length > 0, at };
  }
  return { kind: 'malformed', parts: present.flatMap(partsOf), at };
}
