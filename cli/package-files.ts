// What `tariff compile --out DIR --package NAME` writes: an npm package that holds the rules
// core whole — ES module JavaScript with its `.d.ts` types (the generated `Facts` and `Input`
// included), the runtime inside, no dependencies, nothing Node-only — so a developer installs
// it with `npm install DIR` and imports `evaluate` in Node or in a browser bundle. The files
// come from one TypeScript program over the generated modules and the core's own sources,
// type-checked before anything is written; they lie flat in DIR, named by their place in the
// core (`runtime.evaluate.js`), so that the output writer never needs a subfolder.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type * as TS from 'typescript';
import { GENERATED_HEADER } from '../core/compiler/codegen';
import { loadTypeScript } from './compiled-rules';

export interface PackageRequest {
  /** The npm package name (checked with `packageNameProblem`). */
  name: string;
  version: string;
  /** The generated modules by file name, as `tariff compile` writes them (`r06.ts`, `index.ts`). */
  modules: ReadonlyMap<string, string>;
  /** Each revision and the file name (without `.ts`) of its module. */
  revisions: readonly { id: string; file: string }[];
}

/** How the package's package.json begins: npm reads a `"//"` key as a comment. */
const PACKAGE_JSON_MARKER = `{\n  "//": ${JSON.stringify(`${GENERATED_HEADER.slice(3)} Regenerate it with \`tariff compile --package\`.`)},`;

/** How the package's README begins. */
const README_MARKER = `<!-- ${GENERATED_HEADER.slice(3)} Regenerate it with \`tariff compile --package\`. -->`;

/** The marker a file of the package begins with, by its name. */
export function packageMarker(name: string): string {
  return name === 'package.json' ? PACKAGE_JSON_MARKER : name === 'README.md' ? README_MARKER : GENERATED_HEADER;
}

/** Why a package name cannot be published to npm, or undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 214) return 'length';
  // npm's rule for new packages: lower case, URL-safe characters, an optional @scope/, no leading dot or underscore.
  return /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name) ? undefined : 'characters';
}

/** Whether a version is a semantic version npm accepts (`1.2.3`, `1.0.0-rc.1`). */
export function isPackageVersion(version: string): boolean {
  return /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.test(
    version,
  );
}

/**
 * The package's files by name. Throws only when the core's sources are missing (a `tariff`
 * installed without them) or the program does not type-check, which would be a fault of the
 * compiler, never of the rules: a workspace with errors is refused before this is called.
 */
export async function packageFiles(request: PackageRequest): Promise<Map<string, string>> {
  const ts = await loadTypeScript();
  const sources = new Map<string, string>();
  for (const [name, text] of request.modules) sources.set(`${ROOT}generated/${name}`, text);
  for (const [path, text] of coreSources(ts)) sources.set(`${ROOT}${path}`, text);
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    declaration: true,
    skipLibCheck: true,
    newLine: ts.NewLineKind.LineFeed,
    outDir: ROOT,
    rootDir: ROOT,
  };
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => sources.get(file) ?? readFile(file);
  host.fileExists = (file) => sources.has(file) || fileExists(file);
  host.directoryExists = (dir) =>
    dir === ROOT.slice(0, -1) || [...sources.keys()].some((file) => file.startsWith(`${dir}/`)) || ts.sys.directoryExists(dir);
  host.realpath = (path) => path;
  host.getSourceFile = (file, language, onError, create) => {
    const text = sources.get(file);
    return text === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...sources.keys()], options, host });
  const problems = ts.getPreEmitDiagnostics(program);
  if (problems.length > 0) throw new Error(`the package does not type-check:\n${ts.formatDiagnostics(problems, host)}`);
  const emitted = new Map<string, string>();
  const rewrite = flatSpecifiers(ts);
  const result = program.emit(
    undefined,
    (file, text) => {
      const name = flatName(file.slice(ROOT.length).replace(/(\.d)?\.js$|\.d\.ts$/, '')) + (file.endsWith('.d.ts') ? '.d.ts' : '.js');
      emitted.set(name, text.startsWith(GENERATED_HEADER) ? text : `${GENERATED_HEADER}\n${text}`);
    },
    undefined,
    false,
    {
      after: [rewrite],
      // Declaration output may come as a bundle; the package never asks for one, so a bundle passes unchanged.
      afterDeclarations: [(context) => (root) => (ts.isSourceFile(root) ? rewrite(context)(root) : root)],
    },
  );
  if (result.emitSkipped) throw new Error(`the package could not be emitted:\n${ts.formatDiagnostics(result.diagnostics, host)}`);
  const names = ['README.md', ...emitted.keys()];
  const files = new Map<string, string>([
    ['package.json', packageJson(request, names)],
    ['README.md', readme(request)],
  ]);
  for (const name of [...emitted.keys()].sort()) files.set(name, emitted.get(name)!);
  return files;
}

/** Where the program's files lie: a folder no disk has, so nothing on disk is read in their place. */
const ROOT = '/tariff-package/';

/** The core's entry, whose imports (type-only ones included) decide which of its sources the package holds. */
const ENTRY = 'index.ts';

/** The flat file name of a module of the package, from its path without extension (`runtime/evaluate` → `runtime.evaluate`). */
function flatName(path: string): string {
  return path.split('/').join('.');
}

function packageJson(request: PackageRequest, names: readonly string[]): string {
  const exports: Record<string, unknown> = { '.': { types: './index.d.ts', default: './index.js' } };
  // Each revision on its own, for a caller who wants its `Facts` type and a smaller bundle.
  for (const r of request.revisions) exports[`./${r.file}`] = { types: `./generated.${r.file}.d.ts`, default: `./generated.${r.file}.js` };
  exports['./package.json'] = './package.json';
  const body = {
    name: request.name,
    version: request.version,
    description: `Fee-schedule rules core (${request.revisions.map((r) => r.id).join(', ')}), compiled by tariff`,
    type: 'module',
    sideEffects: false,
    main: './index.js',
    types: './index.d.ts',
    exports,
    // TypeScript's older module resolution reads no `exports`: the revisions' types are found by this map.
    typesVersions: { '*': Object.fromEntries(request.revisions.map((r) => [r.file, [`./generated.${r.file}.d.ts`]])) },
    // Only the package's own files are published, whatever else the folder holds.
    files: [...names].sort(),
  };
  return `${PACKAGE_JSON_MARKER}\n${JSON.stringify(body, null, 2).slice(2)}\n`;
}

/** What npm shows of the package: what it is and how to call it, in English and Japanese. */
function readme(request: PackageRequest): string {
  const ids = request.revisions.map((r) => r.id).join(', ');
  const last = request.revisions.at(-1);
  return [
    README_MARKER,
    `# ${request.name}`,
    '',
    `The fee-schedule rules core for revisions ${ids}, compiled by tariff. \`evaluate\` decides which items`,
    'can be claimed for an episode of care, for how much, and why the others cannot, with the citation',
    'of the deciding rule. ES modules with types, no dependencies, for Node and browser bundles.',
    '',
    `診療報酬・介護報酬のルールコア（改定 ${ids}）。tariff がルールからコンパイルしたものです。`,
    '`evaluate` はエピソードについて算定できる項目と金額、算定できない項目とその理由を、判断した規定の出典とともに返します。',
    '',
    '```ts',
    `import { evaluate } from '${request.name}';`,
    '',
    `const outcome = evaluate({ revision: '${last?.id ?? 'R06'}', date: '2024-07-10', facts: {} }, { explain: true });`,
    "if ('errors' in outcome) console.error(outcome.errors); // [{ code, message, path }]",
    'else console.log(outcome.claimable, outcome.rejected, outcome.total, outcome.whyNot);',
    '```',
    '',
    '- `evaluate(input, { explain })`: the result, or `{ errors }` for input that does not fit the revision — never an exception.',
    ...request.revisions.map(
      (r) =>
        `- \`${request.name}/${r.file}\`: revision ${r.id} alone — its \`Facts\`, \`Input\` and \`ItemId\` types, \`evaluate\` and \`rules\`.`,
    ),
    '',
  ].join('\n');
}

/**
 * The core's sources the package needs: its entry and everything that imports, type-only
 * imports included (a `.d.ts` refers to them), except the generated modules, which come from
 * the rules being compiled. Read from the core folder beside this program.
 */
function coreSources(ts: typeof TS): Map<string, string> {
  // The CLI runs from dist/ (its bundle) or cli/ (tests): the core lies beside either.
  const core = join(__dirname, '..', 'core');
  if (!existsSync(join(core, ENTRY)))
    throw new Error('the rules core’s sources (core/) were not found beside tariff; run tariff from a clone of its repository');
  const found = new Map<string, string>();
  const visit = (path: string): void => {
    if (found.has(path) || path.startsWith('generated/')) return;
    const text = readFileSync(join(core, path), 'utf8');
    found.set(path, text);
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      if (imported.fileName.startsWith('.')) visit(`${posix.join(posix.dirname(path), imported.fileName)}.ts`);
    }
  };
  visit(ENTRY);
  return found;
}

/** Rewrites every relative module name to its flat file, with the `.js` that Node's ES modules require. */
function flatSpecifiers(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (root) => {
    const from = posix.dirname(root.fileName.slice(ROOT.length));
    const flat = (specifier: string) =>
      specifier.startsWith('.') ? context.factory.createStringLiteral(`./${flatName(posix.join(from, specifier))}.js`) : undefined;
    const visit = (node: TS.Node): TS.Node => {
      const f = context.factory;
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = flat(node.moduleSpecifier.text);
        if (to) return f.updateImportDeclaration(node, node.modifiers, node.importClause, to, node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const to = flat(node.moduleSpecifier.text);
        if (to) return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, to, node.attributes);
      }
      if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const to = flat(node.argument.literal.text);
        if (to)
          return f.updateImportTypeNode(
            node,
            f.createLiteralTypeNode(to),
            node.attributes,
            node.qualifier,
            node.typeArguments?.map((t) => ts.visitNode(t, visit) as TS.TypeNode),
            node.isTypeOf,
          );
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(root, visit) as TS.SourceFile;
  };
}
