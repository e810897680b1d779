// Finds the workspace of a path on disk — the nearest folder at or above it that holds
// facts.yaml — and reads every rule file under it, in workspace order. Symbolic links to rule
// files and to folders are followed: the user sees a linked file checked like any other,
// each file once, and a warning naming any link to nothing or file that cannot be read.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileKindOf } from './analysis/file-kind';
import type { SourceFile } from './analysis/analyze';
import { renderMessage, type Lang } from './analysis/messages';
import type { ReadText } from './analysis/law/library';

/** A rule file read from disk: the path it was found under, the file it really is, and its text. */
export interface RuleSource extends SourceFile {
  /** The path with every link resolved: two paths to the same file share it. */
  realPath: string;
}

/** Something on the way that could not be read; it is skipped and the user is told. */
export interface FileProblem {
  reason: 'missing' | 'dangling-link' | 'link-loop' | 'not-a-file' | 'no-permission' | 'unreadable';
  /** The path as found (under the searched folders, links not resolved). */
  path: string;
}

export interface RuleFiles {
  /** The rule files, sorted by path. */
  sources: RuleSource[];
  problems: FileProblem[];
}

/**
 * Every rule file under the given folders (a rule file given by name is taken as it is),
 * read. This is the one way rule files are found, for every command and the language server.
 *
 * Links are followed, to files and to folders, and each file is read once. A link to a file
 * or folder that the search reaches under its own path (inside the searched folders, or
 * named) is passed over, so the file is read there, where an editor's file watcher reports
 * its changes. What only links reach is read under the first of their paths in sorted order.
 * A link back to a folder being read (an ancestor, itself) is passed over the same way, so
 * loops end. Names starting with a dot and the folders `node_modules`, `dist` and `out` are
 * not searched. Never throws: whatever cannot be read is a problem in the result.
 */
export function readRuleFiles(paths: readonly string[]): RuleFiles {
  const starts = paths.map((path) => ({ full: resolve(path), found: follow(resolve(path)) }));
  const search: Search = { files: [], problems: [], seenFolders: new Set(), seenFiles: new Set(), folders: [], named: new Set() };
  for (const { found } of starts) {
    if ('reason' in found) continue;
    if (found.stats.isDirectory()) search.folders.push(found.realPath);
    else search.named.add(found.realPath);
  }
  for (const { full, found } of starts) {
    if ('reason' in found) search.problems.push({ reason: found.reason, path: full });
    else if (found.stats.isDirectory()) walk(full, found.realPath, search);
    else if (fileKindOf(full)) take(full, found, search);
  }
  const sources: RuleSource[] = [];
  for (const file of search.files.sort((a, b) => byText(a.path, b.path))) {
    try {
      sources.push({ file: file.path, realPath: file.realPath, text: readFileSync(file.path, 'utf8') });
    } catch (error) {
      search.problems.push({ reason: problemOf(error), path: file.path });
    }
  }
  return { sources, problems: search.problems };
}

/** The warning that says a problem, the same from the CLI and the language server, with the path as the caller shows it. */
export function fileProblemWarning(problem: FileProblem, lang: Lang, path: string = problem.path): string {
  return renderMessage(
    { id: 'files.warning', args: { problem: renderMessage({ id: `files.${problem.reason}`, args: { path } }, lang) } },
    lang,
  );
}

/** The workspace root of an absolute path, or undefined when no facts.yaml is at or above it. */
export function workspaceRootOf(path: string): string | undefined {
  let dir = isDirectory(path) ? path : dirname(path);
  for (;;) {
    if (existsSync(join(dir, 'facts.yaml')) || existsSync(join(dir, 'facts.yml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Whether a path is a folder, or a link to one. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether a path is a symbolic link (to anything, or to nothing). */
export function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The path with every link resolved, or the path itself when it cannot be resolved. */
export function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/** Folders never searched for rule files. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

interface Search {
  files: { path: string; realPath: string }[];
  problems: FileProblem[];
  /** Real paths of the folders already searched (or being searched: the ancestors). */
  seenFolders: Set<string>;
  /** Real paths of the rule files already found. */
  seenFiles: Set<string>;
  /** Real paths of the folders searched. */
  folders: string[];
  /** Real paths of the files named. */
  named: Set<string>;
}

/** What a path is: from a directory entry or from the disk, links followed. */
type Kind = Pick<Stats, 'isDirectory' | 'isFile'>;
type Followed = { stats: Kind; realPath: string } | { reason: FileProblem['reason'] };

function walk(dir: string, realDir: string, search: Search): void {
  if (search.seenFolders.has(realDir)) return;
  search.seenFolders.add(realDir);
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    search.problems.push({ reason: problemOf(error), path: dir });
    return;
  }
  const entries: { name: string; full: string; found: Followed; key: string; link: boolean }[] = [];
  for (const dirent of dirents) {
    const name = dirent.name;
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    // Only a link needs another look at the disk: what it points to, and where that really is.
    const link = dirent.isSymbolicLink();
    const found = link ? follow(full) : { stats: dirent, realPath: join(realDir, name) };
    // A folder sorts as its name and a separator, so the walk visits paths in sorted order.
    const key = 'stats' in found && found.stats.isDirectory() ? name + sep : name;
    entries.push({ name, full, found, key, link });
  }
  entries.sort((a, b) => byText(a.key, b.key));
  for (const { name, full, found, link } of entries) {
    if ('reason' in found) search.problems.push({ reason: found.reason, path: full });
    else if (link && readUnderOwnPath(found, search)) continue;
    else if (found.stats.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(full, found.realPath, search);
    } else if (fileKindOf(name)) take(full, found, search);
  }
}

/** Keeps a rule file unless it was found before; anything but an ordinary file is a problem. */
function take(path: string, found: { stats: Kind; realPath: string }, search: Search): void {
  if (!found.stats.isFile()) search.problems.push({ reason: 'not-a-file', path });
  else if (!search.seenFiles.has(found.realPath)) {
    search.seenFiles.add(found.realPath);
    search.files.push({ path, realPath: found.realPath });
  }
}

/** Whether the search reaches what a link points to without the link: named, or under a searched folder by names it does not skip. */
function readUnderOwnPath(found: { stats: Kind; realPath: string }, search: Search): boolean {
  if (search.named.has(found.realPath)) return true;
  const folder = found.stats.isDirectory();
  return search.folders.some((root) => {
    const inside = relative(root, found.realPath);
    if (inside === '') return folder;
    if (isAbsolute(inside)) return false;
    const parts = inside.split(sep);
    // A part starting with a dot (`..` included) is outside or skipped.
    return parts.every(
      (part, i) => !part.startsWith('.') && (folder || i < parts.length - 1 ? !SKIPPED_DIRS.has(part) : fileKindOf(part) !== undefined),
    );
  });
}

/** What a path is, links followed, and where it really is. */
function follow(path: string): Followed {
  try {
    return { stats: statSync(path), realPath: realpathSync.native(path) };
  } catch (error) {
    const reason = problemOf(error);
    // A link whose target is missing: the link itself is there.
    return { reason: reason === 'missing' && isSymbolicLink(path) ? 'dangling-link' : reason };
  }
}

/** The order of `Array.prototype.sort` without a comparator: by UTF-16 code units. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function problemOf(error: unknown): FileProblem['reason'] {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'ELOOP') return 'link-loop';
  if (code === 'EACCES' || code === 'EPERM') return 'no-permission';
  return 'unreadable';
}

/** Official texts larger than this are not read: the 医科 告示 and 通知 are 2–3 MB each. */
const MAX_LAW_TEXT_SIZE = 50 * 1024 * 1024;

/**
 * Reads the official texts revisions.yaml declares, from a path or a file URI. Each text is
 * kept while its file's size and modification time stay the same, so the language server
 * reads megabytes once, not on every edit, and hands out the same string (which the law
 * library then recognises at a glance).
 */
export function diskTextReader(): ReadText {
  const kept = new Map<string, { size: number; mtimeMs: number; text: string }>();
  return (location) => {
    try {
      const path = location.startsWith('file:') ? fileURLToPath(location) : location;
      const stats = statSync(path);
      if (!stats.isFile() || stats.size > MAX_LAW_TEXT_SIZE) return undefined;
      const known = kept.get(path);
      if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.text;
      const text = readFileSync(path, 'utf8');
      kept.set(path, { size: stats.size, mtimeMs: stats.mtimeMs, text });
      return text;
    } catch {
      return undefined;
    }
  };
}
