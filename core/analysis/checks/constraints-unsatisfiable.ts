// constraints-unsatisfiable: the world constraints of facts.yaml can never all hold, so every
// analysis would be vacuous; reported once at the `constraints` key.
import { logicContext } from '../logic/context';
import { findingAt } from '../report';
import type { Check } from './check';

export const constraintsUnsatisfiable: Check = {
  code: 'constraints-unsatisfiable',
  run(ws) {
    if (ws.constraints.length === 0 || logicContext(ws).constraintsHold()) return [];
    const first = ws.constraints[0]!.loc;
    return [findingAt('constraints-unsatisfiable', { ...first, pointer: '/constraints' }, 'key', { id: 'constraints-unsatisfiable' })];
  },
};
