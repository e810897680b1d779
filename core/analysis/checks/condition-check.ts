// The frame of every condition analysis: it runs only when the world constraints can hold
// (otherwise every answer would be vacuous and `constraints-unsatisfiable` says why), with
// the workspace's shared logic context and one list to report into.
import type { Code } from '../codes';
import { logicContext, type LogicContext } from '../logic/context';
import type { Focus } from '../focus';
import type { Finding } from '../types';
import type { Check } from './check';

export function conditionCheck(code: Code, run: (ctx: LogicContext, out: Finding[], focus: Focus | undefined) => void): Check {
  return {
    code,
    run(ws, focus) {
      const ctx = logicContext(ws);
      const findings: Finding[] = [];
      if (ctx.constraintsHold()) run(ctx, findings, focus);
      return findings;
    },
  };
}
