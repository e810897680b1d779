// Writes the files of the commands that write files (`tariff compile`, `tariff report`) into
// their output folder. The user sees that tariff replaces or removes only files it wrote
// itself (they begin with its marker), never writes through a symbolic link, leaves a folder
// or anything else in the way untouched, and says so in a sentence with exit status 1 (2 when
// --out is not a folder) instead of failing with an internal error. Each file is written
// beside its place and renamed into it, so an interrupted run never leaves half a file.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Lang } from '../core/analysis/messages';
import { EXIT, say, type CliIo } from './io';
import { displayPath } from './located';

/** What a command wants in its output folder. */
export interface OutputRequest {
  /** The folder written to (absolute); created when missing. */
  dir: string;
  /**
   * How every file the command writes begins, or how each begins by its name (a package.json
   * cannot begin with a comment); a file that does not is never replaced or removed.
   */
  marker: string | ((name: string) => string);
  /** The files wanted, by name, with their text (each beginning with the marker). */
  files: ReadonlyMap<string, string>;
  /** Other names an earlier run may have written, removed when they carry the marker (compile: modules of revisions that are gone). */
  prunes?: (name: string) => boolean;
}

/** What writing would change, and what is in the way. */
export interface OutputPlan {
  request: OutputRequest;
  /** Names to write because they are missing or different, in the order asked. */
  write: string[];
  /** Names to remove: files of an earlier run that are no longer wanted. */
  remove: string[];
  /** Whatever stops the writing; nothing is written while there is one. */
  problems: OutputProblem[];
}

export interface OutputProblem {
  reason: 'not-folder' | 'folder-unusable' | 'symlink' | 'not-a-file' | 'not-ours' | 'unreadable' | 'write-failed' | 'remove-failed';
  /** The file or folder concerned. */
  path: string;
}

/** Compares the folder with what is wanted, without writing anything. */
export function planOutput(request: OutputRequest): OutputPlan {
  const plan: OutputPlan = { request, write: [], remove: [], problems: [] };
  const folder = folderState(request.dir);
  if (folder === 'missing') {
    plan.write.push(...request.files.keys());
    return plan;
  }
  if (folder !== 'folder') {
    plan.problems.push({ reason: folder, path: request.dir });
    return plan;
  }
  for (const [name, text] of request.files) {
    const found = existing(join(request.dir, name), markerOf(request, name));
    if (found === 'missing') plan.write.push(name);
    else if ('reason' in found) plan.problems.push({ reason: found.reason, path: join(request.dir, name) });
    else if (found.text !== text) plan.write.push(name);
  }
  if (request.prunes) {
    let names: string[];
    try {
      names = readdirSync(request.dir);
    } catch {
      plan.problems.push({ reason: 'folder-unusable', path: request.dir });
      return plan;
    }
    // Only a file this command wrote is removed; a link, a folder or anyone else's file stays.
    for (const name of names.sort()) {
      if (request.files.has(name) || !request.prunes(name)) continue;
      const found = existing(join(request.dir, name), markerOf(request, name));
      if (found !== 'missing' && 'text' in found) plan.remove.push(name);
    }
  }
  return plan;
}

/** Carries out a plan without problems; says what could not be done as problems. */
export function writeOutput(plan: OutputPlan): OutputProblem[] {
  const { dir, files } = plan.request;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return [{ reason: 'folder-unusable', path: dir }];
  }
  const problems: OutputProblem[] = [];
  for (const name of plan.write) {
    const path = join(dir, name);
    const temporary = temporaryBeside(path);
    let created = false;
    try {
      // `wx` creates a new file and fails on anything already there, a link included.
      writeFileSync(temporary, files.get(name)!, { flag: 'wx' });
      created = true;
      // Renaming replaces the entry itself: a link put there meanwhile is replaced, its target untouched.
      renameSync(temporary, path);
    } catch {
      if (created) removeQuietly(temporary);
      problems.push({ reason: 'write-failed', path });
    }
  }
  for (const name of plan.remove) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      problems.push({ reason: 'remove-failed', path: join(dir, name) });
    }
  }
  return problems;
}

/** Says each problem on stderr; the exit status: 2 when --out is not a folder, else 1. */
export function sayOutputProblems(problems: readonly OutputProblem[], context: { io: CliIo; lang: Lang; command: string }): number {
  for (const problem of problems) {
    say(context.io, context.lang, `cli.output-${problem.reason}`, {
      command: context.command,
      path: displayPath(problem.path, context.io.cwd),
    });
  }
  return problems.some((p) => p.reason === 'not-folder') ? EXIT.usage : EXIT.failed;
}

function markerOf(request: OutputRequest, name: string): string {
  return typeof request.marker === 'string' ? request.marker : request.marker(name);
}

type Found = 'missing' | { text: string } | { reason: 'symlink' | 'not-a-file' | 'not-ours' | 'unreadable' };

/** What is at a path in the output folder, links not followed; the text only of a file this writer wrote. */
function existing(path: string, marker: string): Found {
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : { reason: 'unreadable' };
  }
  if (stats.isSymbolicLink()) return { reason: 'symlink' };
  if (!stats.isFile()) return { reason: 'not-a-file' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { reason: 'unreadable' };
  }
  return text.startsWith(marker) ? { text } : { reason: 'not-ours' };
}

/** The output folder: the user named it, so a link to a folder is a folder. */
function folderState(dir: string): 'missing' | 'folder' | 'not-folder' | 'folder-unusable' {
  try {
    return statSync(dir).isDirectory() ? 'folder' : 'not-folder';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return 'not-folder';
    if (code !== 'ENOENT') return 'folder-unusable';
    // A link to nothing cannot become a folder; a name that is free can.
    return isLink(dir) ? 'not-folder' : 'missing';
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A free name beside `path` to write to before renaming: a dot name never looks like a file this writer removes, nor is read as a rule file. */
export function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Removes a file if it can; a leftover temporary file is a dot file that nothing reads. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing more to do: the leftover is a dot file that nothing reads.
  }
}
