// The rule workspace the revision commands (`diff`, `report`) read: the folder of --rules
// (default rules/), analysed as `check` does, and the revisions named on the command line.
import type { Lang } from '../core/analysis/messages';
import type { Workspace } from '../core/analysis/workspace';
import { revisionIds } from '../core/revisions/diff';
import { say, type CliIo } from './io';
import type { ParsedArgs } from './run';
import { analyzeWorkspaces, resolveTargets } from './workspaces';

/** The workspace of --rules; undefined after a usage error is said. */
export function rulesWorkspace(args: ParsedArgs, io: CliIo, lang: Lang): Workspace | undefined {
  const targets = resolveTargets([String(args.values.rules ?? 'rules/')], io, lang);
  if (!targets) return undefined;
  return analyzeWorkspaces(targets, io, lang)[0]!.result.workspace;
}

/** Whether every named revision has rules in the workspace; says which one does not. */
export function knownRevisions(ws: Workspace, names: readonly string[], io: CliIo, lang: Lang): boolean {
  const known = revisionIds(ws);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) say(io, lang, 'cli.unknown-revision', { revision: unknown, known: known.join(', ') });
  return unknown === undefined;
}
