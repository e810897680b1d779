// The `evaluate` input of every bundled scenario (rules/): the episodes the package, the
// service and the batch mode are held to in-process `evaluate` on.
import { join } from 'node:path';
import { analyze } from '../../core/analysis/analyze';
import { scenarioInput } from '../../core/analysis/scenario';
import type { Input } from '../../core/index';
import { readRuleFiles } from '../../core/workspace-files';

export function bundledScenarioInputs(): Input[] {
  const { workspace } = analyze(readRuleFiles([join(__dirname, '..', '..', 'rules')]).sources);
  return workspace.scenarios.map((s) => scenarioInput(s) as Input);
}
