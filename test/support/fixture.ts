// Data-driven fixtures: one file holds several rule files (each after a `//- path` line)
// and the expected diagnostics rendered as text after `//- expect`. Like rust-analyzer's
// expect tests, UPDATE_EXPECT=1 rewrites the expected block from the actual output.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Fixture {
  path: string;
  title: string;
  files: Map<string, string>;
  expect: string;
  /** Paths of `//- @base` files copied in unless the fixture writes its own. */
  base: boolean;
}

const MARKER = /^\/\/- (.+)$/;

export function readFixture(path: string): Fixture {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const title = (lines[0] ?? '').replace(/^#\s*/, '');
  const files = new Map<string, string>();
  let current: string | undefined;
  let buffer: string[] = [];
  let expect = '';
  let base = false;
  const flush = () => {
    if (current === 'expect') expect = buffer.join('\n').trim();
    else if (current !== undefined) files.set(current, `${buffer.join('\n').replace(/\n+$/, '')}\n`);
    buffer = [];
  };
  for (const line of lines.slice(1)) {
    const marker = MARKER.exec(line);
    if (marker) {
      flush();
      current = marker[1]!.trim();
      if (current === '@base') {
        base = true;
        current = undefined;
      }
      continue;
    }
    if (current !== undefined) buffer.push(line);
  }
  flush();
  return { path, title, files, expect, base };
}

/** Writes the fixture's files into a new temporary folder and returns its path. */
export function materialize(fixture: Fixture, baseDir: string): string {
  const root = mkdtempSync(join(tmpdir(), 'tariff-fixture-'));
  if (fixture.base) cpSync(baseDir, root, { recursive: true });
  for (const [path, content] of fixture.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Replaces the expected block of a fixture file with `actual`. */
export function updateExpect(fixture: Fixture, actual: string): void {
  const text = readFileSync(fixture.path, 'utf8');
  const index = text.indexOf('//- expect');
  const head = index < 0 ? `${text.replace(/\n+$/, '')}\n` : text.slice(0, index);
  writeFileSync(fixture.path, `${head}//- expect\n${actual}\n`);
}
