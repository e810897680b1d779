// The rule workspace the revision commands (`diff`, `report`) read: the folder of --rules
// (default rules/), analysed as `check` does, the revisions named on the command line, and
// the language of what they write.
import type { Lang } from '../core/analysis/messages';
import type { Workspace } from '../core/model/workspace';
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

/**
 * The language of a revision memo or report: Japanese unless --lang says otherwise, whatever
 * the locale, because the memo goes into Japanese revision documents.
 */
export function memoLang(args: ParsedArgs): Lang {
  return args.values.lang === 'en' ? 'en' : 'ja';
}
