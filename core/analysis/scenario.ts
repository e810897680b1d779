// Running scenarios: a scenario file becomes an `evaluate` input for its revision's rules
// (through the reference interpreter), and its `expect` is compared with the result, each
// difference located at the `expect` key it concerns.
import { interpret } from './interpreter';
import { ruleSetSpec } from './rule-set-spec';
import { evaluateRules } from '../runtime/evaluate';
import { whyNot } from '../runtime/why-not';
import { REASONS, type EvaluateInput, type EvaluateOutcome, type EvaluateResult, type RuleSet } from '../runtime/types';
import { amountField, type MessageArg, type MessageRef } from './types';
import { asArray, asRecord, asString, itemIn, itemTitle, locAt, type Loc, type ScenarioDef, type Workspace } from '../model/workspace';
import { onPhase } from '../model/phases';

export interface Mismatch {
  loc: Loc;
  anchor: 'key' | 'value';
  /** The difference in the analyst's words: what should come out and what does. */
  message: MessageRef;
  /** What the scenario expects and what comes out, for an expected/actual view. */
  expected: MessageArg;
  actual: MessageArg;
  /** The same as written in rule files (ids, reason codes, numbers), for tools. */
  data: { expected: string; actual: string };
  /** The items the difference is about (an error in one of them may be its cause). */
  items: string[];
}

/** The live rules of a revision, built once per workspace. */
export function rulesOf(ws: Workspace, revision: string): RuleSet | undefined {
  const byRevision = liveRules(ws);
  if (!byRevision.has(revision)) byRevision.set(revision, ws.revisions.has(revision) ? interpret(ruleSetSpec(ws, revision)) : undefined);
  return byRevision.get(revision);
}

const liveRules = onPhase(
  { phase: 'modelled', keeps: 'the live rules of each revision' },
  (_ws: Workspace) => new Map<string, RuleSet | undefined>(),
);

/** The `evaluate` input a scenario describes (its `expect` is not part of it). */
export function scenarioInput(scenario: ScenarioDef): EvaluateInput {
  const raw = scenario.raw;
  const input: EvaluateInput = { revision: asString(raw.revision) ?? '', date: asString(raw.date) ?? '', facts: asRecord(raw.facts) ?? {} };
  const admission = asRecord(raw.admission);
  if (admission)
    input.admission = {
      from: asString(admission.from) ?? '',
      ...(asString(admission.to) !== undefined ? { to: asString(admission.to)! } : {}),
    };
  if (typeof raw.claimant === 'string') input.claimant = raw.claimant;
  if (Array.isArray(raw.history))
    input.history = asArray(raw.history).map((h) => ({ id: asString(asRecord(h)?.id) ?? '', date: asString(asRecord(h)?.date) ?? '' }));
  if (Array.isArray(raw.request)) input.request = asArray(raw.request).filter((r): r is string => typeof r === 'string');
  return input;
}

/**
 * Evaluates a scenario with the workspace's rules; undefined when its revision is unknown. The
 * one evaluation of a scenario: its diagnostics, its code lens, the Testing view and the CLI all
 * read it, and it is kept for as long as the workspace model the scenario belongs to.
 */
export function runScenario(ws: Workspace, scenario: ScenarioDef): EvaluateOutcome | undefined {
  const known = outcomes(ws);
  if (!known.has(scenario)) {
    const rules = scenario.revision === undefined ? undefined : rulesOf(ws, scenario.revision);
    known.set(scenario, rules ? evaluateRules(rules, scenarioInput(scenario)) : undefined);
  }
  return known.get(scenario);
}

/** The result with, for each refused item, what would make it claimable (`whyNot`), by the workspace's rules. */
export function withWhyNot(ws: Workspace, scenario: ScenarioDef, result: EvaluateResult): EvaluateResult {
  const rules = scenario.revision === undefined ? undefined : rulesOf(ws, scenario.revision);
  return rules ? { ...result, whyNot: whyNot(rules, scenarioInput(scenario), result) } : result;
}

/** Each scenario's outcome, per model (a model is built anew on every edit). */
const outcomes = onPhase(
  { phase: 'modelled', keeps: 'the outcome of each scenario' },
  (_ws: Workspace) => new Map<ScenarioDef, EvaluateOutcome | undefined>(),
);

/** Every way the result differs from the scenario's `expect`, items named by id and name. */
export function compareExpect(ws: Workspace, scenario: ScenarioDef, result: EvaluateResult): Mismatch[] {
  const expect = asRecord(scenario.raw.expect);
  if (!expect) return [];
  const at = (...path: (string | number)[]) => locAt(scenario.loc, 'expect', ...path);
  const named = (id: string) => itemTitle(itemIn(ws, scenario.revision, id) ?? { id });
  const listed = (ids: string[]): MessageArg => (ids.length > 0 ? { list: ids.map(named), more: 0 } : { terms: ['none'] });
  const mismatches: Mismatch[] = [];
  if (Array.isArray(expect.claimable)) {
    const wanted = [...new Set(asArray(expect.claimable).map(String))].sort();
    const got = result.claimable.map((c) => c.id).sort();
    if (wanted.join('\u0000') !== got.join('\u0000')) {
      const [expected, actual] = [listed(wanted), listed(got)];
      const data = { expected: list(wanted), actual: list(got) };
      const items = [...wanted.filter((id) => !got.includes(id)), ...got.filter((id) => !wanted.includes(id))];
      mismatches.push({
        loc: at('claimable'),
        anchor: 'key',
        message: { id: 'scenario-failed.claimable', args: { expected, actual } },
        expected,
        actual,
        data,
        items,
      });
    }
  }
  for (const [id, reason] of Object.entries(asRecord(expect.rejected) ?? {})) {
    // A reason that is not one of the engine's is a schema error; comparing it would only repeat that.
    if (!(REASONS as readonly unknown[]).includes(reason)) continue;
    const rejection = result.rejected.find((r) => r.id === id || r.variant === id);
    if (rejection?.reason === reason) continue;
    const kept = result.claimable.some((c) => c.id === id);
    const got = rejection ? rejection.reason : kept ? 'claimable' : 'not-considered';
    const [expected, actual] = [{ terms: [`outcome.${String(reason)}`] }, { terms: [`outcome.${got}`] }];
    const by = rejection?.by;
    const message: MessageRef = by
      ? { id: 'scenario-failed.rejected-by', args: { item: named(id), expected, actual, by: named(by) } }
      : { id: 'scenario-failed.rejected', args: { item: named(id), expected, actual } };
    const data = { expected: String(reason), actual: `${got}${by ? ` (${by})` : ''}` };
    mismatches.push({ loc: at('rejected', id), anchor: 'key', message, expected, actual, data, items: by ? [id, by] : [id] });
  }
  for (const [key, amount] of Object.entries(asRecord(expect.total) ?? {})) {
    const unit = amountField(key);
    if (!unit) continue;
    const got = result.total[unit] ?? 0;
    if (got === amount || typeof amount !== 'number') continue;
    const [expected, actual]: MessageArg[] = [
      { amount, unit },
      { amount: got, unit },
    ];
    const message: MessageRef = { id: 'scenario-failed.total', args: { unit: { terms: [`total.${unit}`] }, expected, actual } };
    mismatches.push({
      loc: at('total', unit),
      anchor: 'key',
      message,
      expected,
      actual,
      data: { expected: String(amount), actual: String(got) },
      // Any item claimed or expected to be may be why the total differs.
      items: [...new Set([...asArray(expect.claimable).map(String), ...result.claimable.map((c) => c.id)])],
    });
  }
  return mismatches;
}

function list(ids: string[]): string {
  return ids.length > 0 ? `[${ids.join(', ')}]` : '[]';
}
