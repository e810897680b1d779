// Finds the workspace of a path on disk — the nearest folder at or above it that holds
// facts.yaml — and reads every rule file under it, in workspace order.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileKindOf } from './analysis/file-kind';
import type { SourceFile } from './analysis/analyze';

/** Folders never searched for rule files. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out']);

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

/** Every rule file under a folder (or the file itself), sorted by path. */
export function ruleFilesUnder(path: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && fileKindOf(entry.name)) {
        found.push(full);
      }
    }
  };
  if (isDirectory(path)) walk(path);
  else found.push(resolve(path));
  return found.sort();
}

export function readSources(paths: readonly string[]): SourceFile[] {
  return paths.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
