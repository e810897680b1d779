// `tariff check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it — one run,
// one rule per code, relative file URIs, 1-based UTF-16 columns.
import { SEVERITY } from '../core/analysis/codes';
import type { Severity } from '../core/analysis/types';
import type { LocatedFinding, LocatedRange } from './located';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(findings: readonly LocatedFinding[], version: string, describe: (code: string) => string): string {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tariff',
            version,
            rules: codes.map((code) => ({
              id: code,
              name: code,
              shortDescription: { text: describe(code) },
              defaultConfiguration: { level: LEVEL[SEVERITY[code as keyof typeof SEVERITY] ?? 'error'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => {
          const result: Record<string, unknown> = {
            ruleId: f.code,
            ruleIndex: codes.indexOf(f.code),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [location(f.file, f.range)],
          };
          if (f.related?.length) {
            result.relatedLocations = f.related.map((r, id) => ({ id, ...location(r.file, r.range), message: { text: r.message } }));
          }
          if (f.data) result.properties = f.data;
          return result;
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(file: string, range: LocatedRange) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file) },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}
