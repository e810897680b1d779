// The workspaces of the paths a command names: each path belongs to the nearest folder at
// or above it that holds facts.yaml; each workspace is read and analysed once.
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileKindOf } from '../core/analysis/file-kind';
import { analyze, type AnalysisResult } from '../core/analysis/analyze';
import type { Lang } from '../core/analysis/messages';
import type { Finding } from '../core/analysis/types';
import { lawLibrary } from '../core/analysis/law/library';
import { diskTextReader, fileProblemWarning, isDirectory, readRuleFiles, realPathOf, workspaceRootOf } from '../core/workspace-files';
import { say, type CliIo } from './io';
import { displayPath } from './located';

export interface WorkspaceRun {
  result: AnalysisResult;
  /** The findings in the named paths. */
  findings: Finding[];
  /** Whether a file lies within the named paths. */
  inTargets: (file: string) => boolean;
}

/** The absolute paths a command works on (default rules/); undefined after a usage error is said. */
export function resolveTargets(positionals: readonly string[], io: CliIo, lang: Lang): string[] | undefined {
  const targets = (positionals.length > 0 ? positionals : ['rules/']).map((p) => resolve(io.cwd, p));
  for (const target of targets) {
    if (!existsSync(target)) {
      say(io, lang, 'cli.no-such-path', { path: target });
      return undefined;
    }
    if (!isDirectory(target) && !fileKindOf(target)) {
      say(io, lang, 'cli.not-a-rule-file', { path: target });
      return undefined;
    }
  }
  return targets;
}

/** Groups the targets by workspace, analyses each workspace once, keeps the targets' findings. */
export function analyzeWorkspaces(targets: readonly string[], io: CliIo, lang: Lang): WorkspaceRun[] {
  const groups = new Map<string, string[]>();
  for (const target of targets) {
    let root = workspaceRootOf(target);
    if (root === undefined) {
      root = isDirectory(target) ? target : dirname(target);
      say(io, lang, 'cli.no-facts', { path: root });
    }
    groups.set(root, [...(groups.get(root) ?? []), target]);
  }
  return [...groups].map(([root, members]) => {
    // A named file outside the workspace's folders (say under node_modules/) is read as well.
    const { sources, problems } = readRuleFiles([root, ...members.filter((m) => !isDirectory(m))]);
    for (const problem of problems) io.stderr(`${fileProblemWarning(problem, lang, displayPath(problem.path, io.cwd))}\n`);
    const result = analyze(sources, {
      law: lawLibrary(diskTextReader()),
      onInternalError: (check, error) =>
        say(io, lang, 'cli.internal-error', { check, detail: error instanceof Error ? error.message : String(error) }),
    });
    // A file read under another path (a link) still belongs to the target it really lies in.
    const realPaths = new Map(sources.map((s) => [s.file, s.realPath] as const));
    const realMembers = members.map(realPathOf);
    const inTargets = (file: string) => members.some((m, i) => within(file, m) || within(realPaths.get(file) ?? file, realMembers[i]!));
    return { result, findings: result.findings.filter((f) => inTargets(f.file)), inTargets };
  });
}

/** Whether a path is the given file or folder, or lies within that folder. */
function within(path: string, folderOrFile: string): boolean {
  return path === folderOrFile || path.startsWith(folderOrFile.endsWith(sep) ? folderOrFile : folderOrFile + sep);
}
