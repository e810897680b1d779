// The official texts a workspace declares in revisions.yaml (`texts:`): where each one is,
// read through the host (the CLI reads files, the language server files and URIs), and kept
// while it stays the same, so that an edit of a rule does not read or index megabytes again.
import type { Scheme } from '../types';
import type { LawTextKind } from './clause-names';
import type { Loc } from '../../model/workspace';

/** The words revisions.yaml uses for each kind of text. */
export const LAW_TEXT_KINDS: Readonly<Record<string, LawTextKind>> = { 告示: 'kokuji', 通知: 'tsuchi' };

/** One official text a revision declares. */
export interface LawTextDecl {
  revision: string;
  scheme: Scheme;
  kind: LawTextKind;
  /** The document's name, as declared. */
  name: string | undefined;
  /** The path as written in revisions.yaml. */
  path: string;
  /** The path resolved against revisions.yaml's folder, named the way the host names files. */
  location: string;
  loc: Loc;
}

/** Reads a text at a location; undefined when it cannot be read. */
export type ReadText = (location: string) => string | undefined;

/** The host's texts, kept per location with whatever is derived from them. */
export interface LawLibrary {
  /** The text at a location, or undefined when it cannot be read. */
  text(location: string): string | undefined;
  /** Something derived from the text at a location, made once for as long as the text stays the same. */
  derived<T>(location: string, key: string, make: (text: string) => T): T | undefined;
}

/** A library over a host's reader. The host keeps one for as long as it runs. */
export function lawLibrary(read: ReadText): LawLibrary {
  const kept = new Map<string, { text: string; derived: Map<string, unknown> }>();
  const entry = (location: string) => {
    const text = read(location);
    if (text === undefined) {
      kept.delete(location);
      return undefined;
    }
    let known = kept.get(location);
    // A reader that keeps its texts returns the same string while the file is unchanged, so
    // this comparison is one pointer check; otherwise it compares the text once.
    if (!known || known.text !== text) kept.set(location, (known = { text, derived: new Map() }));
    return known;
  };
  return {
    text: (location) => entry(location)?.text,
    derived<T>(location: string, key: string, make: (text: string) => T): T | undefined {
      const known = entry(location);
      if (!known) return undefined;
      if (!known.derived.has(key)) known.derived.set(key, make(known.text));
      return known.derived.get(key) as T;
    },
  };
}

/**
 * A path written in revisions.yaml resolved against that file's folder: a file URI stays a
 * URI (the language server's names), a path stays a path (the CLI's).
 */
export function locationOf(declaringFile: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(declaringFile)) {
    try {
      return new URL(path.replace(/\\/g, '/'), declaringFile).toString();
    } catch {
      return path;
    }
  }
  if (/^([a-z]:)?[\\/]/i.test(path)) return path;
  const folder = declaringFile.slice(0, Math.max(declaringFile.lastIndexOf('/'), declaringFile.lastIndexOf('\\')) + 1);
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder + path.replace(/[\\/]/g, separator);
}
