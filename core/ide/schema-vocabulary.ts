// What the JSON Schemas say a rule file may contain, read from the schemas themselves for
// completion: under each key, the keys of the mappings its value can be, and for each key with a
// fixed set of values, those values. Nothing is copied by hand, so a key or value added to a
// schema is offered at once. Operators are left out of the keys: completion offers them from the
// operators table once the atom's fact is known.
import { OPERATOR } from '../model/operators';

type Schema = Record<string, unknown>;

export interface SchemaVocabulary {
  /** Keys allowed under a key (`''`: at the top of the file), in the schema's order. */
  childKeys: Record<string, string[]>;
  /** The values of a key whose schema lists them (`enum`). */
  enums: Record<string, string[]>;
}

export function schemaVocabulary(root: Schema): SchemaVocabulary {
  const childKeys: Record<string, string[]> = { '': Object.keys((root.properties as Schema | undefined) ?? {}) };
  const enums: Record<string, string[]> = {};
  const visited = new Set<Schema>();
  const visit = (node: unknown): void => {
    for (const object of objectsOf(root, node)) {
      if (visited.has(object)) continue;
      visited.add(object);
      for (const [name, sub] of Object.entries(object.properties as Record<string, Schema>)) {
        const keys = (childKeys[name] ??= []);
        for (const child of objectsOf(root, sub))
          for (const key of Object.keys(child.properties as Schema)) if (!keys.includes(key) && !OPERATOR.has(key)) keys.push(key);
        const values = enumOf(root, sub);
        if (values && !enums[name]) enums[name] = values;
        visit(sub);
      }
    }
  };
  visit(root);
  for (const key of Object.keys(childKeys)) if (childKeys[key]!.length === 0 && key !== '') delete childKeys[key];
  return { childKeys, enums };
}

/** The mapping schemas a value can be: through `$ref`, `anyOf`/`oneOf`/`allOf`, `if`/`then`/`else` and the items of a list. */
function objectsOf(root: Schema, node: unknown, seen = new Set<unknown>()): Schema[] {
  if (!node || typeof node !== 'object' || seen.has(node)) return [];
  seen.add(node);
  const schema = node as Schema;
  if (typeof schema.$ref === 'string') return objectsOf(root, resolve(root, schema.$ref), seen);
  const parts = ['anyOf', 'oneOf', 'allOf', 'then', 'else', 'items'].flatMap((key) => {
    const part = schema[key];
    return Array.isArray(part) ? part.flatMap((p) => objectsOf(root, p, seen)) : objectsOf(root, part, seen);
  });
  return schema.properties ? [schema, ...parts] : parts;
}

/** The string values a schema lists, through `$ref`. */
function enumOf(root: Schema, node: Schema, depth = 0): string[] | undefined {
  if (typeof node.$ref === 'string' && depth < 10) return enumOf(root, resolve(root, node.$ref), depth + 1);
  return Array.isArray(node.enum) && node.enum.every((v) => typeof v === 'string') ? (node.enum as string[]) : undefined;
}

function resolve(root: Schema, ref: string): Schema {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<Schema>((node, part) => (node?.[part] as Schema) ?? {}, root);
}
