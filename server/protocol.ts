// The server's custom requests beyond LSP, shared by the server and the VS Code client: names
// and plain-data shapes only, so the client bundle pulls in no analysis code.
import type { Position, Range } from 'vscode-languageserver-types';

/** Every scenario of the workspace (no params). */
export const SCENARIOS_REQUEST = 'tariff/scenarios';
/** Runs scenarios with the rules core. */
export const RUN_SCENARIOS_REQUEST = 'tariff/runScenarios';
/** The compiled module of the item at a position, or null outside an item. */
export const GENERATED_CODE_REQUEST = 'tariff/generatedCode';

export interface ScenarioInfo {
  /** Stable while the file keeps its documents. */
  id: string;
  uri: string;
  name: string;
  /** The `scenario` key. */
  range: Range;
  /** Where the Testing view files it: revision, scheme and item labels, in the display language. */
  group: string[];
}

/** Which scenarios to run: those with the given ids or in the given files; all when both are absent. */
export interface RunScenariosParams {
  /** Ids from `tariff/scenarios`. */
  ids?: string[];
  /** Scenario file URIs. */
  uris?: string[];
}

export interface ScenarioProblemInfo {
  message: string;
  uri: string;
  range: Range;
  expected?: string;
  actual?: string;
}

export interface ScenarioRunInfo extends ScenarioInfo {
  status: 'passed' | 'failed' | 'errored';
  problems: ScenarioProblemInfo[];
  /** What can be claimed, what cannot and why, and the totals (or why it could not run). */
  report: string;
}

export interface GeneratedCodeParams {
  uri: string;
  position: Position;
}

export interface GeneratedCodeInfo {
  revision: string;
  item: string;
  text: string;
  /** Zero-based line of the item's decide function. */
  line: number;
}

/** The revisions that have rules, oldest first, and each revision with those it supersedes (no params). */
export const REVISIONS_REQUEST = 'tariff/revisions';
/** The analyst report's views as one static HTML page, in the client's language. */
export const REPORT_REQUEST = 'tariff/report';

export interface RevisionsInfo {
  revisions: string[];
  /** The older → newer pairs that can be compared (they share a scheme), superseded ones first. */
  pairs: { old: string; new: string }[];
}

/** `map`: the rules of every revision and their exclusion matrices; `diff`: the diff of two revisions. */
export type ReportParams = { view: 'map' } | { view: 'diff'; old: string; new: string };

export interface ReportInfo {
  html: string;
  /** The page's title, for the editor tab too (one title: 算定ルールマップ, 改定差分: R04 → R06). */
  title: string;
}

/** Mutation testing of the item at a position: the changes no scenario notices, with scenarios that would; null outside an item. */
export const SUGGEST_SCENARIOS_REQUEST = 'tariff/suggestScenarios';

export interface SuggestScenariosParams {
  uri: string;
  position: Position;
}

export interface ScenarioSuggestionsInfo {
  /** The item, as `B005 退院時共同指導料２`. */
  item: string;
  /** `mutation score: N% (K of M killed)`. */
  score: string;
  /** Each change no scenario notices, in the display language, with a scenario file's text that would (when one is found). */
  survivors: { change: string; scenario?: string }[];
}
