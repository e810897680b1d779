// The layering the architecture promises, read from the source: the analysis core (core/)
// imports nothing from the editor's libraries — not `vscode`, `vscode-languageserver`,
// `vscode-languageclient` nor any other `vscode…` package — so the CLI, the server and any
// other host share it, and LSP types are converted in one place in server/; and the compiler
// builds on the analysis without the analysis (or the runtime) importing the compiler; and the
// analysis keeps what it works out on named phases, not in module-level caches of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

/** Every TypeScript file under a folder. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** The modules a file imports: `import … from`, `export … from`, `import(…)` and `require(…)`. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm)].map((m) => m[2]!);
}

describe('architecture', () => {
  it('finds the imports of a file however they are written', () => {
    expect(importsOf("import a from 'x';\nexport { b } from \"y\";\nconst c = await import('z');\nrequire('w');\nimport 'v';")).toEqual([
      'x',
      'y',
      'z',
      'w',
      'v',
    ]);
  });

  it('keeps the core free of the editor’s libraries', () => {
    const files = sources(join(ROOT, 'core'));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((m) => /^vscode(?:$|[-/])/.test(m))
        .map((m) => `${relative(ROOT, file)}: ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('lets the compiler read the analysis, never the other way round', () => {
    const files = [...sources(join(ROOT, 'core', 'analysis')), ...sources(join(ROOT, 'core', 'runtime'))];
    const offending = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((m) => /(^|\/)compiler\//.test(m))
        .map((m) => `${relative(ROOT, file)}: ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('hangs every cache keyed by an object on a named phase (onPhase), in the analysis, the model and the IDE features', () => {
    const files = ['analysis', 'model', 'ide'].flatMap((folder) => sources(join(ROOT, 'core', folder)));
    const caches = (text: string) =>
      [...text.matchAll(/^(?:export )?(?:const|let) (\w+)[^=\n]* = new Weak(?:Map|Set)\b/gm)].map((m) => m[1]!);
    expect(
      caches('const a = new WeakMap<object, number>();\nexport const b: WeakSet<object> = new WeakSet();\n  const c = new WeakMap();'),
    ).toEqual(['a', 'b']);
    const offending = files
      .filter((file) => !file.endsWith(join('model', 'phases.ts')))
      .flatMap((file) => caches(readFileSync(file, 'utf8')).map((name) => `${relative(ROOT, file)}: ${name}`));
    expect(offending).toEqual([]);
  });
});
