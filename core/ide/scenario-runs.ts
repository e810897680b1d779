// Scenarios as tests (the editor's Testing view): every scenario of the workspace with its
// name and place, and the outcome of running one — passed, failed with each expected vs
// actual difference at the `expect` key it concerns, or errored when it cannot run.
import { visibleText } from '../analysis/display-text';
import { renderArg, renderMessage, type Lang } from '../analysis/messages';
import { spanOf } from '../analysis/report';
import { compareExpect, runScenario, withWhyNot } from '../analysis/scenario';
import { missedClaimsExplained } from '../analysis/why-not-text';
import type { Span } from '../analysis/types';
import { asArray, asRecord, itemIn, itemTitle, locAt, topItem, type ScenarioDef, type Workspace } from '../model/workspace';
import type { EvaluateResult } from '../runtime/types';
import type { Steps } from '../analysis/steps';

export interface ScenarioEntry {
  /** Stable while the file keeps its documents: `<file>#<document index>`. */
  id: string;
  file: string;
  /** The scenario's name, control characters shown as escapes. */
  name: string;
  /** The `scenario` key, where the editor shows the test. */
  span: Span;
  /**
   * Where the Testing view files it, as labels: revision (`R06 令和6年度改定`), scheme
   * (診療報酬) and the item the scenario is about (`B004 退院時共同指導料１`).
   */
  group: string[];
}

export interface ScenarioProblem {
  message: string;
  file: string;
  span: Span;
  /** For a difference from `expect`: both sides as short text. */
  expected?: string;
  actual?: string;
}

export interface ScenarioRun extends ScenarioEntry {
  status: 'passed' | 'failed' | 'errored';
  problems: ScenarioProblem[];
  /** The evaluation result, when the scenario could be evaluated. */
  result?: EvaluateResult;
}

export function scenarioEntries(ws: Workspace, lang: Lang): ScenarioEntry[] {
  return ws.scenarios.map((scenario) => entryOf(ws, scenario, lang));
}

/** Runs the scenarios the selection accepts, in workspace order. */
/** Runs the selected scenarios, one per step (see `Steps`). */
export function* scenarioRuns(ws: Workspace, selected: (entry: ScenarioEntry) => boolean, lang: Lang): Steps<ScenarioRun[]> {
  const runs: ScenarioRun[] = [];
  for (const scenario of ws.scenarios) {
    if (!selected(entryOf(ws, scenario, lang))) continue;
    runs.push(runOne(ws, scenario, lang));
    yield;
  }
  return runs;
}

function entryOf(ws: Workspace, scenario: ScenarioDef, lang: Lang): ScenarioEntry {
  // The editor shows the name in its test list and writes it to the test output (a terminal).
  const name = visibleText(scenario.name);
  return {
    id: `${scenario.loc.file}#${scenario.loc.doc.index}`,
    file: scenario.loc.file,
    name,
    span: spanOf(locAt(scenario.loc, 'scenario'), 'key'),
    group: groupOf(ws, scenario, lang),
  };
}

/** The revision, scheme and item a scenario is about: its first requested item, else the first it expects something of. */
function groupOf(ws: Workspace, scenario: ScenarioDef, lang: Lang): string[] {
  const revision = scenario.revision === undefined ? undefined : ws.revisions.get(scenario.revision)?.[0];
  const revisionLabel = visibleText(revision ? [revision.id, revision.name].filter(Boolean).join(' ') : (scenario.revision ?? '?'));
  const expect = asRecord(scenario.raw.expect);
  const ids = [...asArray(scenario.raw.request), ...asArray(expect?.claimable), ...Object.keys(asRecord(expect?.rejected) ?? {})];
  const item = ids
    .filter((id): id is string => typeof id === 'string')
    .map((id) => itemIn(ws, scenario.revision, id))
    .find((i) => i !== undefined);
  if (!item) return [revisionLabel, renderMessage({ id: 'scenario.group.other' }, lang)];
  const top = topItem(item);
  const scheme = top.tariff.scheme ? renderMessage({ id: `term.scheme.${top.tariff.scheme}` }, lang) : '?';
  return [revisionLabel, scheme, visibleText(itemTitle(top))];
}

function runOne(ws: Workspace, scenario: ScenarioDef, lang: Lang): ScenarioRun {
  const entry = entryOf(ws, scenario, lang);
  const at = (message: string): ScenarioProblem => ({ message, file: entry.file, span: entry.span });
  if (scenario.revision === undefined || scenario.loc.doc.broken)
    return { ...entry, status: 'errored', problems: [at(renderMessage({ id: 'cli.eval-unreadable' }, lang))] };
  const outcome = runScenario(ws, scenario);
  if (!outcome)
    return {
      ...entry,
      status: 'errored',
      problems: [at(renderMessage({ id: 'cli.eval-unknown-revision', args: { revision: scenario.revision } }, lang))],
    };
  if ('errors' in outcome) return { ...entry, status: 'errored', problems: outcome.errors.map((e) => at(`${e.path}: ${e.message}`)) };
  const mismatches = compareExpect(ws, scenario, outcome);
  const problems = mismatches.map((m): ScenarioProblem => ({
    message: renderMessage(m.message, lang),
    file: entry.file,
    span: spanOf(m.loc, m.anchor),
    expected: renderArg(m.expected, lang),
    actual: renderArg(m.actual, lang),
  }));
  // What would make each item the scenario expects claimed claimable, beside the difference in what is claimable.
  const result = withWhyNot(ws, scenario, outcome);
  const claimable = problems.find((_, i) => mismatches[i]!.message.id === 'scenario-failed.claimable');
  const explained = problems.length > 0 ? missedClaimsExplained(ws, scenario, result, lang) : [];
  if (claimable && explained.length > 0) claimable.message = [claimable.message, ...explained].join('\n');
  return { ...entry, status: problems.length > 0 ? 'failed' : 'passed', problems, result };
}
