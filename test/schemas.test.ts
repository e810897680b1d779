// The JSON Schemas that editors receive: valid draft 2020-12 (ajv compiles them strictly),
// and every property has a Japanese description for hover text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '..', 'schemas');
const schemas = readdirSync(DIR).filter((f) => f.endsWith('.schema.json'));

/** Every `properties` entry of a schema, with its JSON path, resolving one level of $ref. */
function properties(schema: Record<string, unknown>): { path: string; node: Record<string, unknown> }[] {
  const out: { path: string; node: Record<string, unknown> }[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const [name, child] of Object.entries(record.properties as Record<string, unknown>)) {
        out.push({ path: `${path}/properties/${name}`, node: child as Record<string, unknown> });
      }
    }
    for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
  };
  walk(schema, '#');
  return out;
}

function resolve(schema: Record<string, unknown>, node: Record<string, unknown>): Record<string, unknown> {
  let current = node;
  for (let i = 0; i < 4 && typeof current.$ref === 'string' && current.description === undefined; i++) {
    const parts = (current.$ref as string).replace(/^#\//, '').split('/');
    current = parts.reduce((n: Record<string, unknown>, p) => n[p] as Record<string, unknown>, schema);
  }
  return current;
}

describe('schemas', () => {
  it('ships the five file kinds', () => {
    expect(schemas.sort()).toEqual([
      'facts.schema.json',
      'revisions.schema.json',
      'scenario.schema.json',
      'tariff.schema.json',
      'waivers.schema.json',
    ]);
  });

  for (const name of schemas) {
    const schema = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Record<string, unknown>;
    it(`${name} compiles as draft 2020-12`, () => {
      const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: false });
      ajv.addKeyword('markdownDescription');
      ajv.addKeyword('x-message');
      expect(() => ajv.compile(schema)).not.toThrow();
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    });
    it(`${name} describes every property in Japanese`, () => {
      const missing = properties(schema)
        // Conditional requirements (allOf/if/then) restate properties; they are not new ones.
        .filter(({ path }) => !path.includes('/allOf/'))
        .filter(({ node }) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(String(resolve(schema, node).description ?? '')))
        .map(({ path }) => path);
      expect(missing).toEqual([]);
    });
  }
});
