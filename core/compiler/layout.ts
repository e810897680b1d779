// How generated modules are laid out: objects, lists, statements and nested helper calls on
// one line when they fit in MAX_LINE columns, else broken one part per line, so that a
// developer can read the code "Show Generated Code" shows.

/** Generated lines stay within this many columns where a line break can go (long strings and conditions aside). */
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
