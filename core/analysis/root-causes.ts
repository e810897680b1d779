// A scenario that fails while an item it is about has an error says so: the failure points at
// each such error (related information), because fixing the error may be all the scenario
// needs — a misspelt key in B005-n2 is where five failing scenarios in other files lead.
import { spanOf } from './report';
import type { Finding, RelatedInfo } from './types';
import { itemsById, topItem, type Workspace } from '../model/workspace';

/** At most this many errors are named per failure: the first ones lead to the rest. */
const MAX_CAUSES = 5;

/**
 * Adds to each `scenario-failed` finding the errors in the items its difference is about;
 * `elsewhere` holds the errors of files a focused analysis left out.
 */
export function linkRootCauses(ws: Workspace, findings: Finding[], elsewhere: readonly Finding[] = []): void {
  const errors = [...findings, ...elsewhere].filter((f) => f.severity === 'error' && f.code !== 'scenario-failed');
  if (errors.length === 0) return;
  for (const finding of findings) {
    if (finding.code !== 'scenario-failed') continue;
    const scenario = ws.scenarios.find((s) => s.loc.file === finding.file);
    const ids = (finding.data?.items as string[] | undefined) ?? [];
    const causes: RelatedInfo[] = [];
    for (const id of ids) {
      for (const item of itemsById(ws).get(id) ?? []) {
        if (item.tariff.revision !== scenario?.revision) continue;
        const top = topItem(item);
        const span = spanOf(top.loc, 'value');
        for (const error of errors) {
          if (error.file !== top.loc.file || error.span.start < span.start || error.span.end > span.end) continue;
          if (causes.length < MAX_CAUSES && !causes.some((c) => c.file === error.file && c.span.start === error.span.start))
            causes.push({
              file: error.file,
              span: error.span,
              message: { id: 'scenario-failed.root-cause', args: { id: top.id, code: error.code } },
            });
        }
      }
    }
    if (causes.length > 0) finding.related = [...(finding.related ?? []), ...causes];
  }
}
