// What the JSON Schemas say may be written at a place of a rule file, for completion: the keys
// a mapping there may have (with their descriptions), the values listed for a value there, and
// what a value names (an item, a fact, a revision: the schema's `x-message`). Read from the
// schemas themselves through `$ref`, `anyOf`/`oneOf`/`allOf`, `if`/`then`/`else` and list items,
// so a key or value added to a schema is offered at once. Operators are left out of the keys:
// completion offers them from the operators table once the atom's fact is known.
import { OPERATOR } from '../model/operators';

type Schema = Record<string, unknown>;

/** What may be written at a place: a path of keys and list positions from the top of the file. */
export interface SchemaPlace {
  /** The keys a mapping here may have, in the schema's order (operators left out). */
  keys: { name: string; description?: string }[];
  /** The values the schema lists (`enum`) for a value here. */
  values: string[];
  /** What a value here names (`item-id`, `fact-name`, `revision-id`, …), from `x-message`. */
  names?: string;
  /** What the keys of a mapping here name, when the schema leaves them open (`propertyNames`). */
  keyNames?: string;
  /** Whether a value here can be a mapping. */
  mapping: boolean;
}

export function schemaAt(root: Schema, path: readonly (string | number)[]): SchemaPlace {
  let nodes = alternatives(root, root);
  for (const segment of path) nodes = nodes.flatMap((node) => childrenOf(node, segment)).flatMap((child) => alternatives(root, child));
  const keys: SchemaPlace['keys'] = [];
  const values: string[] = [];
  let names: string | undefined;
  let keyNames: string | undefined;
  for (const node of nodes) {
    for (const [name, sub] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) {
      if (OPERATOR.has(name) || keys.some((k) => k.name === name)) continue;
      keys.push({ name, description: descriptionOf(root, sub) });
    }
    if (Array.isArray(node.enum)) for (const v of node.enum) if (typeof v === 'string' && !values.includes(v)) values.push(v);
    // A string that names something says so in its `x-message` (an atom's says how to report it).
    if (node.type === 'string' && typeof node['x-message'] === 'string') names ??= node['x-message'];
    const propertyNames = node.propertyNames as Schema | undefined;
    if (propertyNames && typeof propertyNames['x-message'] === 'string') keyNames ??= propertyNames['x-message'];
  }
  const mapping = nodes.some((node) => node.type === 'object' || node.properties !== undefined);
  return { keys, values, names, keyNames, mapping };
}

/** The schemas a value at `segment` of a value of `node` can have: a property, or an item of a list. */
function childrenOf(node: Schema, segment: string | number): unknown[] {
  if (typeof segment === 'number') return [node.items];
  const properties = node.properties as Record<string, unknown> | undefined;
  if (properties && Object.hasOwn(properties, segment)) return [properties[segment]];
  return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
}

/** A schema and every schema it stands for: through `$ref`, `anyOf`/`oneOf`/`allOf` and `if`/`then`/`else`. */
function alternatives(root: Schema, node: unknown, seen = new Set<unknown>()): Schema[] {
  if (!node || typeof node !== 'object' || seen.has(node)) return [];
  seen.add(node);
  const schema = node as Schema;
  const referred = typeof schema.$ref === 'string' ? alternatives(root, resolve(root, schema.$ref), seen) : [];
  const parts = ['anyOf', 'oneOf', 'allOf', 'then', 'else'].flatMap((key) => {
    const part = schema[key];
    return Array.isArray(part) ? part.flatMap((p) => alternatives(root, p, seen)) : alternatives(root, part, seen);
  });
  return [schema, ...referred, ...parts];
}

/** A property's description, its own or the one of the schema it refers to. */
function descriptionOf(root: Schema, node: Schema, depth = 0): string | undefined {
  if (typeof node.description === 'string') return node.description;
  return typeof node.$ref === 'string' && depth < 10 ? descriptionOf(root, resolve(root, node.$ref), depth + 1) : undefined;
}

function resolve(root: Schema, ref: string): Schema {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Schema>((node, part) => (node?.[part] as Schema) ?? {}, root);
}
