// Random edits of rule files, as a person typing makes them: deleted lines, a few random
// characters (YAML indicators, tabs, Japanese text), truncation, indentation changes.
import fc from 'fast-check';

export type Mutation = { kind: 'delete-line' | 'insert' | 'truncate' | 'indent' | 'dedent'; at: number; text: string };

/** Edits inserting characters from `alphabet`. */
export function mutationsOver(alphabet: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom('delete-line', 'insert', 'truncate', 'indent', 'dedent'),
    at: fc.nat(),
    text: fc.string({ maxLength: 6, unit: fc.constantFrom(...alphabet) }),
  });
}

/** Edits with YAML indicators, blanks, tabs, line breaks and a few letters (Japanese too). */
export const mutation = mutationsOver([':', '-', ' ', '\n', '[', ']', '{', '}', '"', "'", '&', '*', '#', '\t', 'a', '1', '注', 'é']);

export function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  switch (m.kind) {
    case 'delete-line':
      return text.slice(0, lineStart) + text.slice(Math.min(text.length, lineEnd + 1));
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'truncate':
      return text.slice(0, at);
    case 'indent':
      return `${text.slice(0, lineStart)}  ${text.slice(lineStart)}`;
    case 'dedent':
      return text.slice(0, lineStart) + text.slice(lineStart).replace(/^ {1,2}/, '');
  }
}
