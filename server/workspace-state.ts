// The server's view of the workspace: rule files on disk under the workspace folders, with
// open buffers taking precedence; the model of the current texts (parses and workspace,
// rebuilt only when a text changed), which requests read; and the analysis of that model
// as steps, which the analysis runner drives: first the files in front of the user (those
// being edited, or the open ones after start-up; their diagnostics are shown within
// milliseconds), then the whole workspace. File ids are URIs throughout.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analysisSteps,
  DEFAULT_MAX_FILE_SIZE,
  modelOf,
  parseWithinLimit,
  type AnalysisResult,
  type AnalyzeOptions,
  type Model,
  type SourceFile,
} from '../core/analysis/analyze';
import type { Workspace } from '../core/model/workspace';
import { workOf, type Focus } from '../core/analysis/focus';
import type { RunStage } from './analysis-runner';
import type { ParsedFile } from '../core/analysis/parse';
import { fileKindOf } from '../core/analysis/file-kind';
import type { Lang } from '../core/analysis/messages';
import { lawLibrary } from '../core/analysis/law/library';
import { diskTextReader, fileProblemWarning, isSymbolicLink, readRuleFiles, realPathOf } from '../core/workspace-files';

/**
 * Items checked per step of the whole analysis. While files are being edited, small steps
 * (about 10 ms each on the 10,000-item benchmark workspace), so that the next edit is
 * analysed at once; otherwise (start-up, files changed on disk, settings) larger ones, which
 * take about half as long in all (steps of up to about 150 ms).
 */
const PORTION = { editing: 100, otherwise: 1000 };

export interface StateOptions {
  maxFileSize?: number | undefined;
  log: (message: string) => void;
  /** The language of what is logged for the user (default English). */
  lang?: () => Lang;
}

export class WorkspaceState {
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, TextDocument>();
  /** The real path of each open file: an editor may open a rule file through a link to it. */
  private readonly openReal = new Map<string, string>();
  private diskByReal: Map<string, string> | undefined;
  private cached: Model | undefined;
  /** The model before the last change, which the next one is mended from. */
  private replaced: Model | undefined;
  /** Counts changes of texts, roots and settings: an analysis of an older generation is stale. */
  generation = 0;
  private readonly documents = new Map<string, TextDocument>();
  /** Parses by file, kept while the text is the same: an edit re-parses only its own file. */
  private readonly parses = new Map<string, ParsedFile>();
  /** Per file, the parses of its items: an edit re-parses only the items it changed. */
  private readonly chunks = new Map<string, Map<string, ParsedFile>>();
  /** The official texts revisions.yaml declares, read from disk and indexed once each. */
  private readonly law = lawLibrary(diskTextReader());
  /**
   * The open files edited since the last whole analysis was published, analysed first;
   * undefined when something else changed (a file on disk, the roots, a setting), after which
   * every open file is analysed first.
   */
  private edited: Set<string> | undefined = new Set();

  constructor(
    private roots: string[],
    private readonly options: StateOptions,
  ) {}

  /** A new size limit (bytes) from the client's settings; files are parsed again under it. */
  setMaxFileSize(bytes: number | undefined): void {
    if (bytes === this.options.maxFileSize) return;
    this.options.maxFileSize = bytes;
    this.parses.clear();
    this.invalidate({ edited: undefined });
  }

  setRoots(roots: string[]): void {
    this.roots = roots;
    this.reloadDisk();
  }

  /** Reads every rule file under the roots again (start-up, watched-file changes). */
  reloadDisk(): void {
    this.disk.clear();
    this.diskByReal = undefined;
    this.documents.clear();
    for (const source of this.read(this.roots)) this.disk.set(pathToFileURL(source.file).toString(), source.text);
    this.invalidate({ edited: undefined });
  }

  /** A file on disk changed, appeared or went away. */
  diskChanged(uri: string, deleted: boolean): void {
    if (!fileKindOf(uri)) return;
    this.diskByReal = undefined;
    if (deleted) (this.disk.delete(uri), this.documents.delete(uri));
    else {
      try {
        // A new or changed link may be a second path to a file already read: a whole reading settles which path counts.
        if (isSymbolicLink(fileURLToPath(uri))) return this.reloadDisk();
        const [source] = this.read([fileURLToPath(uri)]);
        if (source) this.disk.set(uri, source.text);
        else this.disk.delete(uri);
      } catch {
        this.disk.delete(uri);
      }
    }
    this.invalidate({ edited: undefined });
  }

  setOpen(doc: TextDocument | undefined, uri: string): void {
    if (doc) {
      this.open.set(uri, doc);
      if (!this.openReal.has(uri) && uri.startsWith('file:')) this.openReal.set(uri, realPathOf(fileURLToPath(uri)));
    } else {
      this.open.delete(uri);
      this.openReal.delete(uri);
    }
    this.invalidate({ edited: doc ? uri : undefined });
  }

  /** The path each file on disk was read by, by its real path (computed once per change of the disk files). */
  private readAs(): Map<string, string> {
    if (!this.diskByReal) {
      this.diskByReal = new Map();
      for (const uri of this.disk.keys()) this.diskByReal.set(realPathOf(fileURLToPath(uri)), uri);
    }
    return this.diskByReal;
  }

  /** The parses and the workspace of the current texts, built on first use after a change. */
  model(): Model {
    if (!this.cached) {
      const sources = new Map<string, SourceFile>();
      for (const [uri, text] of this.disk) sources.set(uri, { file: uri, text });
      // A file opened under another path than the one it was read by (through a link) is the
      // same file: the buffer stands in for it under the path the editor shows.
      for (const [uri, doc] of this.open) {
        if (!fileKindOf(uri)) continue;
        const real = this.openReal.get(uri);
        const read = real === undefined ? undefined : this.readAs().get(real);
        if (read !== undefined && read !== uri) sources.delete(read);
        sources.set(uri, { file: uri, text: doc.getText() });
      }
      const parsed = [...sources.values()].map((source) => {
        const known = this.parses.get(source.file);
        if (known && known.text === source.text) return known;
        // Chunks are looked up in the previous parse's cache; the new cache keeps just the ones used.
        const previous = this.chunks.get(source.file) ?? new Map<string, ParsedFile>();
        const next = new Map<string, ParsedFile>();
        const fresh = parseWithinLimit(source, this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, {
          get: (key) => previous.get(key),
          set: (key, value) => next.set(key, value),
        });
        this.chunks.set(source.file, next);
        this.parses.set(source.file, fresh);
        return fresh;
      });
      for (const uri of this.parses.keys()) if (!sources.has(uri)) (this.parses.delete(uri), this.chunks.delete(uri));
      this.cached = modelOf(parsed, this.law, this.replaced);
      this.replaced = undefined;
    }
    return this.cached;
  }

  workspace(): Workspace {
    return this.model().workspace;
  }

  /**
   * The analysis of the current model, as steps (see `analysisSteps`): first the findings of
   * the files in front of the user, yielded as a stage of their own — the files edited since
   * the last whole analysis, or, when something else changed (start-up, files on disk,
   * settings), every open file — then the whole workspace's, returned.
   */
  *analysis(): Generator<RunStage | void, AnalysisResult, void> {
    const model = this.model();
    const options: AnalyzeOptions = {
      onInternalError: (check, error) =>
        this.options.log(`tariff: check ${check} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    };
    const first = new Set([...(this.edited ?? this.open.keys())]);
    const files = model.files.filter((f) => first.has(f.file));
    // A file that holds most of the workspace is as quick to analyse with the rest: no stage of its own.
    const focused = files.length > 0 && 2 * workOf(files) < workOf(model.files);
    if (focused) {
      const focus: Focus = { files: new Set(files.map((f) => f.file)) };
      yield { focus, result: yield* analysisSteps(model, { ...options, focus }) };
    }
    const generation = this.generation;
    const portion = focused && this.edited?.size ? PORTION.editing : PORTION.otherwise;
    const result = yield* analysisSteps(model, { ...options, portion });
    // What was edited until now is in this analysis: the next edits are analysed first again.
    if (generation === this.generation) this.edited = new Set();
    return result;
  }

  /** Every rule file the analysis covers. */
  files(): string[] {
    return this.model().files.map((f) => f.file);
  }

  /** The text document of a file as the analysis saw it (for offset ↔ position). */
  document(uri: string): TextDocument {
    const open = this.open.get(uri);
    if (open) return open;
    // Kept while the text stays the same: its line table is then not computed again.
    const text = this.disk.get(uri) ?? this.model().files.find((f) => f.file === uri)?.text ?? '';
    let doc = this.documents.get(uri);
    if (!doc || doc.getText() !== text) {
      doc = TextDocument.create(uri, 'yaml', 0, text);
      this.documents.set(uri, doc);
    }
    return doc;
  }

  /** Rule files as the CLI finds them; what cannot be read is logged, as the CLI warns of it. */
  private read(paths: string[]): SourceFile[] {
    const { sources, problems } = readRuleFiles(paths);
    for (const problem of problems) this.options.log(fileProblemWarning(problem, this.options.lang?.() ?? 'en'));
    return sources;
  }

  /** The texts changed: an open file was edited (its URI), or something else (undefined). */
  private invalidate(change: { edited: string | undefined }): void {
    this.replaced = this.cached ?? this.replaced;
    this.cached = undefined;
    this.generation++;
    if (change.edited === undefined) this.edited = undefined;
    else this.edited?.add(change.edited);
  }
}
