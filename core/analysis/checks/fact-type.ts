// fact-type: an operator or a value that does not fit the fact's declared type — `gte` on a
// boolean, an undeclared enum or set value, a number outside min/max, a size larger than
// the set — in conditions, constraints, scenario facts and the vocabulary's own defaults and
// value labels.
import { inFocus } from '../focus';
import { forEachAtomOfWorkspace, type AtomSite } from '../conditions';
import { OPERATOR, operatorsOf } from '../../model/operators';
import { findingAt } from '../report';
import { closestMatch } from '../suggest';
import type { Finding, MessageRef } from '../types';
import { locAt, type FactDef, type FactType, type Loc, type Workspace } from '../../model/workspace';
import { suggestionFix } from '../fixes';
import type { Check } from './check';

export const factType: Check = {
  code: 'fact-type',
  fixes: suggestionFix,
  run(ws, focus) {
    const findings: Finding[] = [];
    const out = (loc: Loc, anchor: 'key' | 'value', message: MessageRef, data?: Record<string, unknown>) =>
      findings.push(findingAt('fact-type', loc, anchor, message, data ? { data } : {}));
    forEachAtomOfWorkspace(ws, 'fact-type', findings, (atom) => checkAtom(ws, atom, out), focus);
    for (const scenario of ws.scenarios) {
      if (!inFocus(focus, scenario.loc.file)) continue;
      for (const [name, value] of Object.entries(scenario.facts ?? {})) {
        const fact = ws.facts.get(name)?.[0];
        if (fact) checkValue(fact, value, locAt(scenario.loc, 'facts', name), out);
      }
    }
    for (const defs of ws.facts.values()) {
      for (const fact of defs) if (inFocus(focus, fact.loc.file)) checkDeclaration(fact, out);
    }
    return findings;
  },
};

type Out = (loc: Loc, anchor: 'key' | 'value', message: MessageRef, data?: Record<string, unknown>) => void;

function checkAtom(ws: Workspace, atom: AtomSite, out: Out): void {
  const fact = ws.facts.get(atom.fact)?.[0];
  const operator = atom.operator;
  const known = operator === undefined ? undefined : OPERATOR.get(operator);
  if (!fact?.type || operator === undefined || !known) return;
  const opLoc = locAt(atom.loc, operator);
  if (!known.types.includes(fact.type)) {
    out(opLoc, 'key', {
      id: 'fact-type.operator',
      args: { operator, fact: fact.name, type: { terms: [`fact-type.${fact.type}`] }, operators: operatorsOf(fact.type).join(', ') },
    });
    return;
  }
  if (known.operand === 'fact') {
    const other = typeof atom.value === 'string' ? ws.facts.get(atom.value)?.[0] : undefined;
    if (other?.type && other.type !== 'integer') {
      out(opLoc, 'value', {
        id: 'fact-type.compare-fact',
        args: { operator, fact: other.name, type: { terms: [`fact-type.${other.type}`] } },
      });
    }
    return;
  }
  const values = Array.isArray(atom.value) ? atom.value.map((v, i) => ({ v, loc: locAt(opLoc, i) })) : [{ v: atom.value, loc: opLoc }];
  if (known.operand === 'count') {
    const size = atom.value;
    if (typeof size === 'number' && size > fact.values.length) {
      out(opLoc, 'value', { id: 'fact-type.size', args: { fact: fact.name, size, count: fact.values.length } });
    }
    return;
  }
  // Within a list the members are checked one by one, so each bad one is underlined.
  const memberType: FactType = fact.type === 'set' ? 'enum' : fact.type;
  for (const { v, loc } of values) checkScalar({ ...fact, type: memberType }, v, loc, out, fact.name);
}

/** Checks a concrete value given for a fact (scenario facts, defaults). */
function checkValue(fact: FactDef, value: unknown, loc: Loc, out: Out): void {
  if (!fact.type) return;
  if (fact.type === 'set') {
    if (!Array.isArray(value)) {
      out(loc, 'value', { id: 'fact-type.value-type', args: { fact: fact.name, type: { terms: ['fact-type.set'] }, value: show(value) } });
      return;
    }
    const seen = new Set<unknown>();
    value.forEach((member, i) => {
      if (seen.has(member)) out(locAt(loc, i), 'value', { id: 'fact-type.repeated', args: { fact: fact.name, value: show(member) } });
      seen.add(member);
      checkScalar({ ...fact, type: 'enum' }, member, locAt(loc, i), out, fact.name);
    });
    return;
  }
  checkScalar(fact, value, loc, out, fact.name);
}

function checkScalar(fact: FactDef, value: unknown, loc: Loc, out: Out, name: string): void {
  switch (fact.type) {
    case 'boolean':
      if (typeof value !== 'boolean')
        out(loc, 'value', { id: 'fact-type.value-type', args: { fact: name, type: { terms: ['fact-type.boolean'] }, value: show(value) } });
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        out(loc, 'value', { id: 'fact-type.value-type', args: { fact: name, type: { terms: ['fact-type.integer'] }, value: show(value) } });
      } else if ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max)) {
        out(loc, 'value', { id: 'fact-type.out-of-range', args: { fact: name, value, min: fact.min ?? '−∞', max: fact.max ?? '∞' } });
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !fact.values.includes(value)) {
        const suggestion = typeof value === 'string' ? closestMatch(value, fact.values) : undefined;
        const args = { fact: name, value: show(value), values: fact.values.join(', ') };
        out(
          loc,
          'value',
          suggestion ? { id: 'fact-type.unknown-value.suggest', args: { ...args, suggestion } } : { id: 'fact-type.unknown-value', args },
          suggestion ? { suggestion } : undefined,
        );
      }
      return;
    default:
      return;
  }
}

function checkDeclaration(fact: FactDef, out: Out): void {
  const raw = fact.raw;
  if (fact.type && fact.type !== 'enum' && fact.type !== 'set' && 'values' in raw) {
    out(locAt(fact.loc, 'values'), 'key', {
      id: 'fact-type.values-not-allowed',
      args: { fact: fact.name, type: { terms: [`fact-type.${fact.type}`] } },
    });
  }
  if (fact.type && fact.type !== 'integer') {
    for (const key of ['min', 'max'] as const) {
      if (key in raw)
        out(locAt(fact.loc, key), 'key', {
          id: 'fact-type.range-not-allowed',
          args: { fact: fact.name, key, type: { terms: [`fact-type.${fact.type}`] } },
        });
    }
  }
  if (fact.min !== undefined && fact.max !== undefined && fact.min > fact.max) {
    out(locAt(fact.loc, 'min'), 'value', { id: 'fact-type.empty-range', args: { fact: fact.name, min: fact.min, max: fact.max } });
  }
  if ('default' in raw) checkValue(fact, raw.default, locAt(fact.loc, 'default'), out);
  // A value label names a value the fact can have: an enum or set value, or an integer in range.
  for (const value of fact.valueLabels.keys()) {
    const loc = locAt(fact.loc, 'value-labels', value);
    if (fact.type === 'integer') {
      if (!/^-?[0-9]+$/.test(value)) checkScalar(fact, value, loc, keyOut(out), fact.name);
      else checkScalar(fact, Number(value), loc, keyOut(out), fact.name);
    } else if (fact.type === 'enum' || fact.type === 'set') checkScalar({ ...fact, type: 'enum' }, value, loc, keyOut(out), fact.name);
    else if (fact.type === 'boolean') out(loc, 'key', { id: 'fact-type.value-label-boolean', args: { fact: fact.name } });
  }
}

/** Reports at the key: a value label's value is its key. */
function keyOut(out: Out): Out {
  return (loc, _anchor, message, data) => out(loc, 'key', message, data);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
}
