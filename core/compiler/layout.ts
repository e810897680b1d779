// How generated modules are laid out: objects, lists, statements and nested helper calls on
// one line when they fit in MAX_LINE columns, else broken one part per line, so that a
// developer can read the code "Show Generated Code" shows.

/** Generated lines stay within this many columns (long strings are split into concatenated parts). */
export const MAX_LINE = 120;

/**
 * An object literal on one line when it fits in MAX_LINE columns after `lead` characters at
 * `indent` (its property's name), else one property per line.
 */
export function objectCode(parts: readonly string[], indent: number, lead = 0): string {
  const one = `{ ${parts.join(', ')} }`;
  if (indent + lead + one.length + 1 <= MAX_LINE && !one.includes('\n')) return one;
  return `{\n${parts.map((part) => `${' '.repeat(indent + 2)}${part},`).join('\n')}\n${' '.repeat(indent)}}`;
}

/** `open`, the entries joined by commas and `close` on one line when it fits in MAX_LINE columns, else one entry per line. */
export function listCode(open: string, entries: readonly string[], close: string, indent: number): string {
  const one = `${' '.repeat(indent)}${open}${entries.join(', ')}${close}`;
  if (one.length <= MAX_LINE) return one;
  const pad = ' '.repeat(indent + 2);
  return `${' '.repeat(indent)}${open.trimEnd()}\n${entries.map((e) => `${pad}${e},`).join('\n')}\n${' '.repeat(indent)}${close.trimStart()}`;
}

/** An array literal of object literals, one per line, at `indent` (the array's property's own). */
export function objectsCode(objects: readonly string[], indent: number): string {
  return objects.length === 0 ? '[]' : `[\n${objects.map((o) => `${' '.repeat(indent + 2)}${o},`).join('\n')}\n${' '.repeat(indent)}]`;
}

/** Statements as a function body, one per line. */
export function block(lines: readonly string[]): string {
  return `{\n${lines.map((line) => `  ${line}`).join('\n')}\n}`;
}

/** Generated code for an expression: a call of a helper on its arguments, or text. */
export type Expr = string | { call: string; args: Expr[] };

export function flatText(expr: Expr): string {
  return typeof expr === 'string' ? expr : `${expr.call}(${expr.args.map(flatText).join(', ')})`;
}

/** An expression starting at column `indent`: a call that does not fit has one argument per line. */
export function laidOut(expr: Expr, indent: number): string {
  const flat = flatText(expr);
  if (typeof expr === 'string' || indent + flat.length + 1 <= MAX_LINE) return flat;
  const pad = ' '.repeat(indent + 2);
  return `${expr.call}(\n${expr.args.map((a) => `${pad}${laidOut(a, indent + 2)},`).join('\n')}\n${' '.repeat(indent)})`;
}

/**
 * A line comment at `indent`, wrapped after a comma (or, for a longer phrase, a space) so that
 * every line fits in MAX_LINE columns; continuation lines are indented by two more spaces.
 */
export function commentCode(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const room = MAX_LINE - indent - 5;
  const words = text.split(/(?<=,) /).flatMap((phrase) => (phrase.length > room ? phrase.split(' ') : [phrase]));
  const lines: string[] = [];
  let line = `${pad}//`;
  for (const word of words) {
    const next = `${line} ${word}`;
    if (next.length > MAX_LINE && line.length > pad.length + 5) {
      lines.push(line);
      line = `${pad}//   ${word}`;
    } else line = next;
  }
  return [...lines, line];
}

/**
 * A string literal starting at column `column`; one that does not fit in MAX_LINE columns is
 * split into literals joined by `+`, the later ones on their own lines at `indent` + 2. Each
 * part goes through `lit`, so the concatenation is exactly the string.
 */
export function stringCode(value: string, lit: (s: string) => string, column: number, indent: number): string {
  const whole = lit(value);
  if (column + whole.length + 1 <= MAX_LINE) return whole;
  const pad = ' '.repeat(indent + 2);
  // Room for a part with its quotes, leaving ` +` (or the closing `,`) on its line.
  let room = MAX_LINE - column - 2;
  const parts: string[] = [];
  let part = '';
  for (const ch of value) {
    if (part !== '' && lit(part + ch).length > room) {
      parts.push(lit(part));
      part = '';
      room = MAX_LINE - pad.length - 2;
    }
    part += ch;
  }
  parts.push(lit(part));
  return parts.join(` +\n${pad}`);
}

/**
 * `if (a || b || …) statement` on one line when it fits in MAX_LINE columns at `indent`, else
 * one test per line ending in `joiner`, and the statement on its own line.
 */
export function ifCode(tests: readonly string[], joiner: '||' | '&&', statement: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const one = `${pad}if (${tests.join(` ${joiner} `)}) ${statement}`;
  if (one.length <= MAX_LINE) return [one];
  return [
    `${pad}if (`,
    ...tests.map((t, i) => `${pad}  ${t}${i < tests.length - 1 ? ` ${joiner}` : ''}`),
    `${pad})`,
    `${pad}  ${statement}`,
  ];
}
