// The extension's manifest and texts: every contribution title and setting description exists
// in English and Japanese, every client text is in both l10n bundles with the same
// placeholders, every contributed command is registered by the client (and the reverse), the
// Markdown it shows from the server is untrusted, and the snippets expand to rule files the
// analysis accepts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';

const ROOT = join(__dirname, '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const pkg = json('package.json') as { contributes: { commands: { command: string }[] } };
const clientSources = readdirSync(join(ROOT, 'client'))
  .map((f) => readFileSync(join(ROOT, 'client', f), 'utf8'))
  .join('\n');
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();

describe('extension manifest', () => {
  it('has every %key% of package.json in package.nls.json and package.nls.ja.json', () => {
    const keys = [...new Set([...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!))];
    const en = json('package.nls.json');
    const ja = json('package.nls.ja.json');
    expect(keys.length).toBeGreaterThan(10);
    expect(Object.keys(en).sort()).toEqual(keys.sort());
    expect(Object.keys(ja).sort()).toEqual(keys.sort());
  });

  it('has every client text in both l10n bundles, with the same placeholders in Japanese', () => {
    const texts = [...clientSources.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
    const en = json('l10n/bundle.l10n.json') as Record<string, string>;
    const ja = json('l10n/bundle.l10n.ja.json') as Record<string, string>;
    expect(texts.length).toBeGreaterThan(10);
    expect(Object.keys(en).sort()).toEqual([...new Set(texts)].sort());
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const text of texts) {
      expect(en[text]).toBe(text);
      expect(ja[text], text).not.toBe(text);
      expect(placeholders(ja[text]!), text).toEqual(placeholders(text));
    }
  });

  it('keeps the client thin: it imports VS Code, the language client, l10n and the request shapes, no analysis', () => {
    const imports = [...clientSources.matchAll(/^(?:import|export) [^;]*? from '([^']+)';$/gm)].map((m) => m[1]!);
    const allowed =
      /^(vscode|vscode-languageclient\/node|@vscode\/l10n|node:.+|\.\/[a-z0-9-]+|\.\.\/server\/protocol|\.\.\/l10n\/bundle\.l10n\.ja\.json)$/;
    expect(imports.filter((from) => !allowed.test(from))).toEqual([]);
  });

  it('shows hovers and completion documentation as untrusted Markdown: no command links, no HTML', () => {
    expect(clientSources).toContain('markdown: { isTrusted: false, supportHtml: false }');
    expect(clientSources).not.toMatch(/isTrusted\s*[:=]\s*(true|\{)|supportHtml\s*[:=]\s*true|MarkdownString/);
  });

  it('registers exactly the commands it contributes', () => {
    const registered = [...clientSources.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]!).sort();
    expect(registered).toEqual(pkg.contributes.commands.map((c) => c.command).sort());
  });
});

describe('snippets', () => {
  const snippets = json('snippets/tariff.code-snippets') as Record<string, { body: string[] }>;
  // A snippet's text as inserted with every placeholder at its default (a choice: its first
  // option), mirrors ($n) repeating it.
  const expand = (body: string[]) => {
    const text = body.join('\n');
    const defaults = new Map<string, string>();
    for (const m of text.matchAll(/\$\{(\d+)(?::([^}]*)|\|([^,|]+)[^}]*)\}/g)) defaults.set(m[1]!, m[2] ?? m[3]!);
    const resolve = (value: string): string =>
      value.replace(/\$(\d+)/g, (_, n: string) => (n === '0' ? '' : resolve(defaults.get(n) ?? '')));
    return resolve(text.replace(/\$\{(\d+)[^}]*\}/g, (_, n: string) => `$${n}`));
  };

  it('expands the item, variant set and exclusion snippets to a tariff file without schema errors', () => {
    const item = expand(snippets.Item!.body).replace(/^/gm, '  ').trimEnd();
    const variants = expand(snippets['Variant set']!.body).replace(/^/gm, '    ').trimEnd();
    const exclusion = expand(snippets.Exclusion!.body).replace('B000', 'B001').replace(/^/gm, '    ').trimEnd();
    const text = `revision: R06\nscheme: medical\nitems:\n${item}\n${variants}\n${exclusion}\n  - id: B001\n    name: 他\n    claimant: hospital\n    points: 1\n    source: { clause: B001 }\n`;
    const { findings } = analyze([{ file: '/w/x.tariff.yaml', text }]);
    expect(
      findings.filter((f) => f.code === 'schema' || f.code === 'yaml-syntax'),
      text,
    ).toEqual([]);
  });

  it('expands the scenario snippet to a scenario file without schema errors', () => {
    const text = expand(snippets.Scenario!.body);
    const { findings } = analyze([{ file: '/w/x.scenario.yaml', text }]);
    expect(
      findings.filter((f) => f.code === 'schema' || f.code === 'yaml-syntax'),
      text,
    ).toEqual([]);
  });
});
