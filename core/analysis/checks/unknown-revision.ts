// unknown-revision: a tariff or scenario file, or a revision's `supersedes`, names a revision
// that revisions.yaml does not declare; suggests the nearest declared id.
import { findingAt } from '../report';
import { closestMatch } from '../suggest';
import type { Finding } from '../types';
import { locAt, type Loc } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const unknownRevision: Check = {
  code: 'unknown-revision',
  fixes: suggestionFix,
  run(ws) {
    // Without a revisions file every id would be unknown; the CLI and server say that once.
    if (!ws.files.some((file) => file.kind === 'revisions')) return [];
    const findings: Finding[] = [];
    const report = (id: string, loc: Loc, exclude: string[] = []) => {
      if (ws.revisions.has(id)) return;
      const suggestion = closestMatch(id, ws.revisions.keys(), exclude);
      const known = [...ws.revisions.keys()].join(', ');
      const message = suggestion
        ? { id: 'unknown-revision.suggest', args: { revision: id, suggestion } }
        : { id: 'unknown-revision', args: { revision: id, known } };
      findings.push(findingAt('unknown-revision', loc, 'value', message, suggestion ? { data: { suggestion } } : {}));
    };
    for (const tariff of ws.tariffs) {
      if (tariff.revision !== undefined) report(tariff.revision, { file: tariff.file, doc: tariff.doc, pointer: '/revision' });
    }
    // Each waivers file once, at its header (its entries share it).
    const waiverFiles = new Map(ws.waivers.map((w) => [w.loc.doc, w] as const));
    for (const [doc, waiver] of waiverFiles)
      if (waiver.revision !== undefined) report(waiver.revision, { file: waiver.loc.file, doc, pointer: '/revision' });
    for (const scenario of ws.scenarios) {
      const revision = scenario.revision;
      if (revision !== undefined) report(revision, locAt(scenario.loc, 'revision'));
    }
    for (const defs of ws.revisions.values()) {
      for (const def of defs) {
        // A revision does not supersede itself or one it already lists.
        const exclude = [def.id, ...def.supersedes.map((s) => s.id)];
        for (const superseded of def.supersedes) report(superseded.id, superseded.loc, exclude);
      }
    }
    return findings;
  },
};
