// `tariff check --format json`: one object with the diagnostics and a summary (cli.md).
import type { LocatedFinding } from './located';

export function formatJson(findings: readonly LocatedFinding[]): string {
  const diagnostics = findings.map((f) => {
    const out: Record<string, unknown> = { file: f.file, code: f.code, severity: f.severity, range: f.range, message: f.message };
    if (f.data && Object.keys(f.data).length > 0) out.data = f.data;
    if (f.related?.length) out.related = f.related;
    return out;
  });
  return `${JSON.stringify({ diagnostics, summary: countBySeverity(findings) }, null, 2)}\n`;
}

export function countBySeverity(findings: readonly LocatedFinding[]): Record<'error' | 'warning' | 'information' | 'hint', number> {
  const summary = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}
