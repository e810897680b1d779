// The evaluation semantics, one fixture per rule: each fixture is a small workspace with a
// scenario; the scenario is evaluated three ways — `tariff eval --format json`, the
// interpreter, and the compiled module of the same rules — which must agree, and the result
// (rendered as text) must equal the fixture's expected block.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analysis/analyze';
import { runScenario, scenarioInput } from '../core/analysis/scenario';
import type { EvaluateOutcome } from '../core/runtime/types';
import { readRuleFiles } from '../core/workspace-files';
import { tariff } from './support/cli';
import { compiledEvaluate } from './support/compiled';
import { materialize, readFixture, updateExpect } from './support/fixture';

const DIR = join(__dirname, 'fixtures', 'eval');
const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith('.fixture'))
  .sort();

describe('evaluation semantics', () => {
  for (const name of fixtures) {
    it(name, async () => {
      const fixture = readFixture(join(DIR, name));
      const root = materialize(fixture, join(__dirname, 'fixtures', 'check', '_base'));
      const scenarioPath = [...fixture.files.keys()].find((p) => p.endsWith('.scenario.yaml'))!;
      const cli = await tariff(['eval', scenarioPath, '--format', 'json'], { cwd: root });
      // What would make refused items claimable (`whyNot`) has tests of its own; the three ways agree on the result.
      const { whyNot: _explained, ...viaCli } = JSON.parse(cli.stdout) as EvaluateOutcome & { whyNot?: unknown };
      const { workspace } = analyze(readRuleFiles([root]).sources);
      const scenario = workspace.scenarios.find((s) => s.loc.file.endsWith(scenarioPath))!;
      const viaInterpreter = runScenario(workspace, scenario)!;
      // A scenario without a readable revision has nothing to compile; the CLI's error is the result.
      const compiled = scenario?.revision ? await compiledEvaluate(root, scenario.revision) : () => viaCli;
      const viaCompiled = compiled(scenarioInput(scenario));
      expect(viaInterpreter).toEqual(viaCli);
      expect(viaCompiled).toEqual(viaCli);
      expect(cli.status).toBe('errors' in viaCli ? 1 : 0);
      const actual = render(viaCli);
      if (process.env.UPDATE_EXPECT) updateExpect(fixture, actual);
      else expect(actual).toBe(fixture.expect);
    });
  }
});

function render(outcome: EvaluateOutcome): string {
  if ('errors' in outcome) return outcome.errors.map((e) => `error ${e.code} at ${e.path || '(input)'}: ${e.message}`).join('\n');
  const lines = [`claimable: ${outcome.claimable.map((c) => `${c.id} ${c.amount} ${c.unit}`).join(', ') || '—'}`];
  for (const r of outcome.rejected) {
    const extra = [
      r.variant ? `variant ${r.variant}` : '',
      r.by ? `by ${r.by}` : '',
      r.facts ? `facts ${r.facts.join(' ')}` : '',
      r.source.clause ? `[${r.source.clause}]` : '',
    ].filter(Boolean);
    lines.push(`rejected: ${r.id} ${r.reason}${extra.length ? ` ${extra.join(' ')}` : ''}`);
  }
  lines.push(`withdraw: ${outcome.withdraw.map((w) => `${w.id} ${w.date}`).join(', ') || '—'}`);
  lines.push(`total: ${outcome.total.points} points, ${outcome.total.units} units, ${outcome.total.yen} yen`);
  return lines.join('\n');
}
