// Where the cursor is in a rule file's structure, for completion, while the file is being
// typed and may not parse: a mark is put at the cursor and the `yaml` library, which recovers
// from errors, reads the text up to the end of that line with it; the mark's place in the tree
// says whether a key or a value is being written, under which keys and list positions, and in
// which mapping (with the keys it has so far).
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node, type YAMLMap } from 'yaml';

export interface CursorPlace {
  /**
   * For a key: the path of the mapping it goes in. For a value: the path of the value (its key
   * last, or its position in a list).
   */
  path: (string | number)[];
  role: 'key' | 'value';
  /** Whether the word at the cursor is the first thing on its line (after indentation or `- `). */
  ownLine: boolean;
  /** The keys the mapping around the cursor has so far, with their scalar values (`fact: x`). */
  siblings: Map<string, unknown>;
  /** The file's top-level `revision`, when it names one. */
  revision?: string;
}

/** The place of the cursor at `offset`, or undefined where nothing is completed (a comment, between documents). */
export function placeAt(text: string, offset: number): CursorPlace | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const ownLine = /^\s*(-\s+)*[\p{L}\p{N}._-]*$/u.test(text.slice(lineStart, offset));
  // Only the text up to the end of the cursor's line decides the place; what follows it could
  // only mislead (a flow mapping still open on this line would swallow the lines below).
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  const doc = parseDocument(`${prefixOf(text, lineStart)}${text.slice(lineStart, offset)}${MARK}${rest}`, { uniqueKeys: false });
  let place: CursorPlace | undefined;
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes(MARK)) return undefined;
      const path: (string | number)[] = [];
      for (const [i, ancestor] of ancestors.entries()) {
        const next = ancestors[i + 1] ?? node;
        if (isPair(ancestor) && next === ancestor.value) path.push(keyText(ancestor.key));
        if (isSeq(ancestor)) path.push(ancestor.items.indexOf(next as Node));
      }
      const role = key === 'key' || key === null ? 'key' : 'value';
      const owner = [...ancestors].reverse().find((a) => isMap(a)) as YAMLMap | undefined;
      // A value's mapping is the one holding its pair; a list item's is none.
      const around = typeof key === 'number' ? undefined : owner;
      place = { path, role, ownLine, siblings: siblingsOf(around), revision: revisionOf(doc.contents) };
      return visit.BREAK;
    },
  });
  return place;
}

/**
 * The text before the cursor's line that decides its place. In a long file (a fee schedule's
 * worth of items) that is the top-level keys and the entry of the top-level list the cursor is
 * in, so completion reads a few lines, not the whole file: the entry's position in the list
 * does not change what may be written in it.
 */
function prefixOf(text: string, lineStart: number): string {
  if (lineStart < WHOLE_PREFIX) return text.slice(0, lineStart);
  let indent = Infinity;
  for (let end = lineStart - 1; end > 0;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const own = /^ */.exec(line)![0].length;
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      if (own <= 2 && own <= indent && /^ *- /.test(line)) {
        // The top-level keys with nothing or a word on their line (`revision: R06`, `items:`).
        const header = text
          .slice(0, start)
          .split('\n')
          .filter((l) => /^[A-Za-z][A-Za-z0-9_-]*:( +[A-Za-z0-9._-]+)? *$/.test(l));
        return `${header.join('\n')}\n${text.slice(start, lineStart)}`;
      }
      indent = Math.min(indent, own);
      if (own === 0) break;
    }
    end = start - 1;
  }
  return text.slice(0, lineStart);
}

/** Up to this many characters before the cursor's line are read whole. */
const WHOLE_PREFIX = 32_000;

/** Put at the cursor: letters only, so that it joins the word being typed into one plain scalar. */
const MARK = 'zqxCursorzqx';

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value).replace(MARK, '') : '';
}

function siblingsOf(map: YAMLMap | undefined): Map<string, unknown> {
  const siblings = new Map<string, unknown>();
  for (const pair of map?.items ?? []) {
    const key = keyText(pair.key);
    if (key === '' || (isScalar(pair.key) && String(pair.key.value).includes(MARK))) continue;
    siblings.set(key, isScalar(pair.value) ? pair.value.value : undefined);
  }
  return siblings;
}

function revisionOf(contents: unknown): string | undefined {
  if (!isMap(contents)) return undefined;
  const revision = contents.get('revision');
  return typeof revision === 'string' && !revision.includes(MARK) ? revision : undefined;
}
