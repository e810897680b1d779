// Running scenarios: a scenario file becomes an `evaluate` input for its revision's rules
// (through the reference interpreter), and its `expect` is compared with the result, each
// difference located at the `expect` key it concerns.
import { interpret } from './interpreter';
import { ruleSetSpec } from './rule-set-spec';
import { evaluateRules } from '../runtime/evaluate';
import type { EvaluateInput, EvaluateOutcome, EvaluateResult, RuleSet } from '../runtime/types';
import { asArray, asRecord, asString, locAt, type Loc, type ScenarioDef, type Workspace } from '../model/workspace';
import { onPhase } from '../model/phases';

export interface Mismatch {
  loc: Loc;
  anchor: 'key' | 'value';
  /** What the scenario expects and what the core computed, as short text. */
  expected: string;
  actual: string;
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

/** Each scenario's outcome, per model (a model is built anew on every edit). */
const outcomes = onPhase(
  { phase: 'modelled', keeps: 'the outcome of each scenario' },
  (_ws: Workspace) => new Map<ScenarioDef, EvaluateOutcome | undefined>(),
);

/** Every way the result differs from the scenario's `expect`. */
export function compareExpect(scenario: ScenarioDef, result: EvaluateResult): Mismatch[] {
  const expect = asRecord(scenario.raw.expect);
  if (!expect) return [];
  const at = (...path: (string | number)[]) => locAt(scenario.loc, 'expect', ...path);
  const mismatches: Mismatch[] = [];
  if (Array.isArray(expect.claimable)) {
    const wanted = [...new Set(asArray(expect.claimable).map(String))].sort();
    const got = result.claimable.map((c) => c.id).sort();
    if (wanted.join('\u0000') !== got.join('\u0000'))
      mismatches.push({ loc: at('claimable'), anchor: 'key', expected: list(wanted), actual: list(got) });
  }
  for (const [id, reason] of Object.entries(asRecord(expect.rejected) ?? {})) {
    // A reason that is not one of the core's is a schema error; comparing it would only repeat that.
    if (!REASONS.includes(reason as string)) continue;
    const rejection = result.rejected.find((r) => r.id === id || r.variant === id);
    const kept = result.claimable.some((c) => c.id === id);
    const actual = rejection ? `${rejection.reason}${rejection.by ? ` (${rejection.by})` : ''}` : kept ? 'claimable' : 'not considered';
    if (!rejection || rejection.reason !== reason)
      mismatches.push({ loc: at('rejected', id), anchor: 'key', expected: String(reason), actual });
  }
  for (const [unit, amount] of Object.entries(asRecord(expect.total) ?? {})) {
    const got = result.total[unit as keyof EvaluateResult['total']];
    if (got !== amount) mismatches.push({ loc: at('total', unit), anchor: 'key', expected: String(amount), actual: String(got ?? 0) });
  }
  return mismatches;
}

const REASONS = ['not-effective', 'not-applicable', 'missing-facts', 'limit-reached', 'parent-missing', 'overridden', 'excluded'];

function list(ids: string[]): string {
  return ids.length > 0 ? `[${ids.join(', ')}]` : '[]';
}
