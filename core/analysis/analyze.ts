// The whole analysis of a workspace: parse findings, schema findings and every registered
// check, sorted by file, position and code. The CLI and the language server both call this.
import { CHECKS } from './checks/index';
import { linkRootCauses } from './root-causes';
import { indexLawText } from './law/cited';
import type { LawLibrary } from './law/library';
import { SEVERITY } from './codes';
import { fileKindOf } from './file-kind';
import type { ChunkCache } from './chunked-parse';
import { parseFile, type ParsedFile } from './parse';
import { validateFile } from './schema';
import { runToEnd, type Steps } from './steps';
import type { Finding, Span } from './types';
import { buildWorkspace, itemsById, type Workspace } from '../model/workspace';
import { workOf, type Focus } from './focus';
import { onPhase } from '../model/phases';

export interface AnalysisResult {
  workspace: Workspace;
  findings: Finding[];
}

export interface AnalyzeOptions {
  /** Files larger than this many UTF-8 bytes get one `file-too-large` finding instead of analysis. */
  maxFileSize?: number;
  /** Called when a check fails internally; the check's findings are then skipped. */
  onInternalError?: (check: string, error: unknown) => void;
  /** Where the official texts that revisions.yaml declares are read (absent: not read, and not checked against). */
  law?: LawLibrary;
  /** Only the findings in these files (the language server's edited file, shown before the rest). */
  focus?: Focus;
  /**
   * Checks the workspace a few files at a time, about this many items per step (each step a
   * focused analysis of those files), so that no step holds the language server up for long.
   * The findings are the same; the whole takes a little longer.
   */
  portion?: number;
}

/** A file to analyse: its name (path or URI) and text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** The default size limit: 5 MB. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** Analyses the given rule files as one workspace. Never throws on user input. */
export function analyze(sources: readonly SourceFile[], options: AnalyzeOptions = {}): AnalysisResult {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return analyzeParsed(
    sources.map((source) => parseWithinLimit(source, limit)),
    options,
  );
}

/** Parses a file, or stands in for it with one finding when it is over the size limit. */
export function parseWithinLimit(source: SourceFile, limit: number, cache?: ChunkCache): ParsedFile {
  // At most three UTF-8 bytes per UTF-16 unit: most files need no count.
  const size = source.text.length * 3 <= limit ? 0 : utf8Length(source.text);
  if (size <= limit) return parseFile(source.file, source.text, cache);
  const firstLine = source.text.search(/\r|\n|$/);
  return {
    file: source.file,
    text: source.text,
    kind: fileKindOf(source.file),
    docs: [],
    findings: [
      {
        file: source.file,
        span: { start: 0, end: firstLine },
        code: 'file-too-large',
        severity: SEVERITY['file-too-large'],
        message: { id: 'file-too-large', args: { size: size.toLocaleString('en-US'), limit: limit.toLocaleString('en-US') } },
      },
    ],
  };
}

/** UTF-8 bytes of a text, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair (4 bytes) is counted as two units of 2 bytes each.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** The same, over files that are already parsed (the language server caches parses). */
export function analyzeParsed(files: readonly ParsedFile[], options: AnalyzeOptions = {}): AnalysisResult {
  return runToEnd(analysisSteps(modelOf(files, options.law), options));
}

/** Parsed files and the workspace built from them: all that editor features read. */
export interface Model {
  files: readonly ParsedFile[];
  workspace: Workspace;
}

/**
 * The model of parsed files; the official texts the revisions declare are read from `law`.
 * `previous` is the model this one replaces (the language server's, before an edit): what can
 * be mended from it is handed over, and it is not to be used after.
 */
export function modelOf(files: readonly ParsedFile[], law?: LawLibrary, previous?: Model): Model {
  return { files, workspace: buildWorkspace(files, law, previous?.workspace) };
}

/**
 * The analysis as a series of steps — the schema findings of each file, then each check —
 * each ending with a `yield`, so that the language server can run it between messages and
 * drop it when a newer edit arrives. `analyzeParsed` runs every step at once.
 */
export function* analysisSteps(model: Model, options: AnalyzeOptions = {}): Steps<AnalysisResult> {
  const { files, workspace } = model;
  const { focus } = options;
  const findings: Finding[] = [];
  for (const file of files) {
    if (focus && !focus.files.has(file.file)) continue;
    const cached = schemaFindings.has(file);
    append(findings, file.findings);
    append(
      findings,
      guard('schema', () => schemaFindings(file), options),
    );
    if (!cached) yield;
  }
  // Each official text is read and indexed in a step of its own (a tenth to a third of a
  // second the first time, nothing after), so that no single step holds the server up.
  for (const decl of workspace.texts) {
    guard('law', () => (indexLawText(workspace, decl), []), options);
    yield;
  }
  for (const portion of portions(model, options)) {
    for (const check of CHECKS) {
      append(findings, checkFindings(model, check, portion ? { ...options, focus: portion } : options));
      yield;
    }
  }
  // A failing scenario points at the errors in the items it is about: in a focused run, those
  // items' files are analysed too (for their errors only), wherever they are.
  const causes = focus ? errorsOfCauses(model, findings, options) : [];
  guard('root-causes', () => (linkRootCauses(workspace, findings, causes), []), options);
  return { workspace, findings: sortFindings(findings) };
}

/** The focus of each step of checks: the whole (undefined) or the focus, or portions of the files of about `portion` items each. */
function portions(model: Model, options: AnalyzeOptions): (Focus | undefined)[] {
  if (options.focus || !options.portion) return [options.focus];
  const groups: { files: Set<string>; size: number }[] = [];
  for (const file of model.files) {
    let last = groups[groups.length - 1];
    if (!last || last.size >= options.portion) groups.push((last = { files: new Set(), size: 0 }));
    last.files.add(file.file);
    last.size += workOf([file]);
  }
  // A small rest goes with the portion before it (the facts and revisions after a large file).
  const rest = groups[groups.length - 1];
  if (groups.length > 1 && rest!.size < options.portion / 2) {
    groups.pop();
    for (const file of rest!.files) groups[groups.length - 1]!.files.add(file);
  }
  // One portion is the whole workspace, analysed as such.
  return groups.length > 1 ? groups.map(({ files }) => ({ files })) : [undefined];
}

/** One check's findings, in the focused files only when there is a focus. */
function checkFindings(model: Model, check: (typeof CHECKS)[number], options: AnalyzeOptions): Finding[] {
  const { focus } = options;
  // A document YAML could not read is a guess: its items still resolve references from
  // elsewhere, but findings inside it would be noise on top of the syntax error. A part
  // nested past the limit was not read at all: its one finding is all there is to say.
  const unread = unreadExtents(model.files);
  return guard(check.code, () => check.run(model.workspace, focus), options).filter(
    (f) => (!focus || focus.files.has(f.file)) && !unread.get(f.file)?.some((e) => f.span.start >= e.start && f.span.start <= e.end),
  );
}

/** The errors in the files of the items that the focused run's failing scenarios are about (outside the focus). */
function errorsOfCauses(model: Model, findings: readonly Finding[], options: AnalyzeOptions): Finding[] {
  const files = new Set<string>();
  for (const finding of findings) {
    if (finding.code !== 'scenario-failed') continue;
    for (const id of (finding.data?.items as string[] | undefined) ?? [])
      for (const item of itemsById(model.workspace).get(id) ?? []) if (!options.focus?.files.has(item.loc.file)) files.add(item.loc.file);
  }
  if (files.size === 0) return [];
  const wider: AnalyzeOptions = { ...options, focus: { files } };
  const errors: Finding[] = [];
  for (const file of model.files)
    if (files.has(file.file)) append(errors, [...file.findings, ...guard('schema', () => schemaFindings(file), options)]);
  for (const check of CHECKS) append(errors, checkFindings(model, check, wider));
  return errors.filter((f) => f.severity === 'error');
}

/** Schema findings depend on the parsed file alone: kept for as long as the parse is reused. */
const schemaFindings = onPhase({ phase: 'parsed', keeps: 'schema findings' }, validateFile);

/** Workspace order for findings: file, then position, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file !== b.file
      ? a.file < b.file
        ? -1
        : 1
      : a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** Per file, the documents YAML could not read and the parts nested past the limit (kept per model). */
const unreadExtents = onPhase({ phase: 'modelled', keeps: 'the unread parts of each file' }, unreadOf);

function unreadOf(files: readonly ParsedFile[]): Map<string, Span[]> {
  const map = new Map<string, Span[]>();
  for (const file of files) {
    const extents = file.docs.flatMap((doc) => (doc.broken ? [doc.extent] : doc.cuts.map((c) => c.extent)));
    if (extents.length > 0) map.set(file.file, extents);
  }
  return map;
}

/** `push(...more)` without spreading: a check may find more than a call can take arguments. */
function append(findings: Finding[], more: readonly Finding[]): void {
  for (const finding of more) findings.push(finding);
}

function guard(name: string, run: () => Finding[], options: AnalyzeOptions): Finding[] {
  try {
    return run();
  } catch (error) {
    options.onInternalError?.(name, error);
    return [];
  }
}
