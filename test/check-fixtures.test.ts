// Every fixture under test/fixtures/check runs through `tariff check --format json` in both
// languages; the diagnostics, rendered as text with ranges and both messages, must equal
// the fixture's expected block.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../cli/format-text';
import { tariff } from './support/cli';
import { materialize, readFixture, updateExpect } from './support/fixture';

const DIR = join(__dirname, 'fixtures', 'check');
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.fixture'))
  .sort();

interface JsonDiagnostic {
  file: string;
  code: string;
  severity: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  data?: unknown;
  related?: { file: string; range: JsonDiagnostic['range']; message: string }[];
}

describe('check fixtures', () => {
  it('has at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of fixtures) {
    it(name, async () => {
      const fixture = readFixture(join(DIR, name));
      const root = materialize(fixture, join(DIR, '_base'));
      const runs = await Promise.all(
        (['en', 'ja'] as const).map((lang) => tariff(['check', '.', '--format', 'json', '--lang', lang], { cwd: root })),
      );
      const [en, ja] = runs.map((run) => JSON.parse(run.stdout).diagnostics as JsonDiagnostic[]) as [JsonDiagnostic[], JsonDiagnostic[]];
      const actual = render(en, ja, fixture.files);
      if (process.env.UPDATE_EXPECT) updateExpect(fixture, actual);
      else expect(actual).toBe(fixture.expect);
      const hasError = en.some((d) => d.severity === 'error');
      expect(runs[0]!.status).toBe(hasError ? 1 : 0);
    });
  }
});

function render(en: JsonDiagnostic[], ja: JsonDiagnostic[], files: Map<string, string>): string {
  if (en.length === 0) return '(no diagnostics)';
  return en
    .map((d, i) => {
      const lines = [`${d.file}:${pos(d.range)} ${d.severity} ${d.code}`, `  en: ${d.message}`, `  ja: ${ja[i]!.message}`];
      const source = files.get(d.file)?.split('\n')[d.range.start.line];
      if (source !== undefined) {
        const end = d.range.end.line === d.range.start.line ? d.range.end.character : source.length;
        const before = displayWidth(source.slice(0, d.range.start.character));
        const width = displayWidth(source.slice(d.range.start.character, end));
        lines.push(`  | ${source}`, `  | ${' '.repeat(before)}${'^'.repeat(Math.max(1, width))}`);
      }
      if (d.data) lines.push(`  data: ${JSON.stringify(d.data)}`);
      for (const r of d.related ?? []) lines.push(`  related: ${r.file}:${pos(r.range)} ${r.message}`);
      return lines.join('\n');
    })
    .join('\n');
}

function pos(range: JsonDiagnostic['range']): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}
