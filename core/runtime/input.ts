// Checks what a caller passes to `evaluate` and turns it into the engine's form: a value JSON
// cannot hold, an over-long list, an unknown fact, a value of the wrong type, a malformed
// date, an unknown id or claimant becomes an error object with a path — never an exception.
// At most INPUT_LIMITS.errors errors are listed, and the work stays proportional to the data
// the caller built (a list longer than INPUT_LIMITS.list is rejected without visiting it).
import { dayOf, isDate } from './dates';
import { YEN_PER } from './relations';
import type { EvaluateInput, FactVector, InputError, LimitOf, RuleItemOf, RuleSet } from './types';

export interface PreparedInput {
  index: RuleIndex;
  /** The evaluation date as YYYYMMDD. */
  day: number;
  x: FactVector;
  named: Record<string, unknown>;
  /** History claims resolved to item indices (and the variant id when one was named). */
  history: { item: number; id: string; date: string }[];
  /** Requested ids resolved to item indices, with the variant named (if any). */
  request: { item: number; id: string; variant: number }[] | undefined;
}

/** An item or variant id resolved once: its item, its variant (−1 for the item itself). */
export interface At {
  item: number;
  variant: number;
  id: string;
}

/** A relation with both ends resolved. */
export interface ResolvedRelation {
  r: RuleSet['relations'][number];
  a: At;
  b: At;
}

/** A verdict of the condition step, shared by every evaluation (never modified). */
export interface ConditionVerdict {
  reason: 'not-applicable' | 'missing-facts';
  source: RuleSet['items'][number]['source'];
  afterCondition: false;
}

/**
 * What the result needs of an item, in one shape for every item: the rule set's items differ
 * in which optional keys they have, and reading them in the hot loops would then go through
 * property lookups that cannot be cached for one shape.
 */
export interface ItemPlan {
  id: string;
  name: string;
  amount: number;
  unit: RuleSet['items'][number]['unit'];
  /** Yen per unit of the amount, and the workspace order: what an `excludes` clash compares. */
  yenPer: number;
  order: number;
  claimant: string | undefined;
  variants: { id: string; name: string; amount: number }[];
}

/**
 * What `evaluate` accepts (README, "The rules core"): errors listed (the others are counted in
 * one more error), entries of any one list, levels of nesting.
 */
export const INPUT_LIMITS = { errors: 100, list: 10_000, depth: 32 } as const;

/** Where ids and facts stand in a rule set, computed once per rule set. */
export interface RuleIndex {
  /** Per item, its plan (the same order as the rule set's items). */
  plans: ItemPlan[];
  facts: Map<string, number>;
  /** The claimants the items name, in workspace order: the only ones a caller may give. */
  claimants: string[];
  /** Facts with a default: name and value as written (the engine's form is in `blank`). */
  defaults: { name: string; value: unknown }[];
  /** Item or variant id → item index and variant index (−1 for the item itself). */
  ids: Map<string, { item: number; variant: number }>;
  overrides: ResolvedRelation[];
  excludes: ResolvedRelation[];
  /** Relations with a wider scope than one claim: the only ones history claims can meet. */
  scoped: ResolvedRelation[];
  /** Per item: its parent and the items it requires, resolved. */
  parents: (At | undefined)[];
  requires: At[][];
  /** The items with a parent or requirements, and those with a limit (item or variant): the only ones steps 3 and 4 visit. */
  dependent: number[];
  limited: number[];
  /** Per item and picked variant + 1: the shared verdicts of step 2 (their citation is the pick's). */
  notApplicable: ConditionVerdict[][];
  undecided: ConditionVerdict[][];
  /** The items whose own limit or a variant's is per month after discharge (a common episode checks only their window). */
  windowed: number[];
  /** Per item: its effective period as day numbers (YYYYMMDD), `to` Infinity when open. */
  from: number[];
  to: number[];
  /** Per fact: its value in the engine's form, or INVALID when the value does not fit the fact. */
  readers: ((value: unknown) => boolean | number | string | typeof INVALID)[];
  /** How many facts the vector holds (those conditions read). */
  slots: number;
  /** The fact vector of an episode that gives no facts: unknown everywhere except defaults. */
  blank: FactVector;
}

/** What a fact reader returns for a value of the wrong type or out of range. */
export const INVALID: unique symbol = Symbol('invalid');

export function ruleIndex(rules: RuleSet): RuleIndex {
  let index = indexes.get(rules);
  if (!index) {
    const ids = new Map<string, { item: number; variant: number }>();
    rules.items.forEach((item, i) => {
      ids.set(item.id, { item: i, variant: -1 });
      item.variants.forEach((v, j) => ids.set(v.id, { item: i, variant: j }));
    });
    const defaults = rules.facts.flatMap((fact) => (fact.default === undefined ? [] : [{ name: fact.name, value: fact.default }]));
    const at = (id: string): At => ({ ...(ids.get(id) ?? { item: -1, variant: -1 }), id });
    // Relations whose ends are not in the rule set cannot act (the checker reports them).
    const resolved = rules.relations.map((r) => ({ r, a: at(r.a), b: at(r.b) })).filter((x) => x.a.item >= 0 && x.b.item >= 0);
    index = {
      plans: rules.items.map((item) => ({
        id: item.id,
        name: item.name,
        amount: item.amount,
        unit: item.unit,
        yenPer: YEN_PER[item.unit],
        order: item.order,
        claimant: item.claimant,
        variants: item.variants.map((v) => ({ id: v.id, name: v.name, amount: v.amount })),
      })),
      facts: new Map(rules.facts.map((f, i) => [f.name, i])),
      claimants: claimantsOf(rules.items),
      defaults,
      ids,
      overrides: resolved.filter((x) => x.r.kind === 'overrides'),
      excludes: resolved.filter((x) => x.r.kind === 'excludes'),
      scoped: resolved.filter((x) => x.r.scope !== 'claim'),
      parents: rules.items.map((item) => (item.parent === undefined ? undefined : at(item.parent))),
      requires: rules.items.map((item) => item.requires.map(at)),
      dependent: rules.items.flatMap((item, i) => (item.parent !== undefined || item.requires.length > 0 ? [i] : [])),
      limited: rules.items.flatMap((item, i) => (item.limit || item.variants.some((v) => v.limit) ? [i] : [])),
      notApplicable: rules.items.map((item) =>
        sourcesOf(item).map((source) => ({ reason: 'not-applicable', source, afterCondition: false })),
      ),
      undecided: rules.items.map((item) => sourcesOf(item).map((source) => ({ reason: 'missing-facts', source, afterCondition: false }))),
      windowed: rules.items.flatMap((item, i) => (limitsOf(item).some((l) => l.per === 'after-discharge-month') ? [i] : [])),
      from: rules.items.map((item) => dayOf(item.effective.from)),
      to: rules.items.map((item) => (item.effective.to === undefined ? Infinity : dayOf(item.effective.to))),
      readers: rules.facts.map(readerOf),
      slots: rules.slots ?? rules.facts.length,
      // Filled, not holey: reading an unset fact then needs no lookup on the prototype chain.
      blank: rules.facts
        .slice(0, rules.slots ?? rules.facts.length)
        .map((fact) => (fact.default === undefined ? undefined : encode(fact, fact.default))),
    };
    indexes.set(rules, index);
  }
  return index;
}

const indexes = new WeakMap<RuleSet, RuleIndex>();

/**
 * Checks the input and writes the engine's form of it into `into` (reused from call to call:
 * an evaluation allocates no wrapper). Returns the errors, or undefined when there are none.
 */
export function prepareInput(rules: RuleSet, input: EvaluateInput, index: RuleIndex, into: PreparedInput): InputError[] | undefined {
  if (!input || typeof input !== 'object') return [{ code: 'bad-input', message: 'the input must be an object', path: '' }];
  // Input that is not plain JSON data is reported first and alone: the checks below then meet only JSON values in lists of bounded length.
  let errors = plainData(input, [], [], undefined);
  if (errors) return errors.result();
  const day = dayOf(input.date);
  if (day < 0)
    errors = add(errors, { code: 'bad-date', message: `date must be a calendar date YYYY-MM-DD, got ${show(input.date)}`, path: 'date' });
  // A fresh copy: cheaper than resetting a reused vector, whose every store pays a write barrier.
  const x = index.blank.slice();
  const facts = input.facts ?? {};
  // The caller's object serves as the named facts unless defaults must be added (no copy in the common case).
  let named = facts as Record<string, unknown>;
  if (index.defaults.length > 0) {
    named = {};
    for (const d of index.defaults) named[d.name] = d.value;
  }
  if (typeof facts !== 'object' || Array.isArray(facts))
    errors = add(errors, { code: 'bad-input', message: 'facts must be an object of fact name → value', path: 'facts' });
  // The compiled reader does the same in one pass; with defaults the named facts need the loop below.
  else if (!(rules.read && named === facts && rules.read(facts, x))) {
    for (const name in facts) {
      if (!Object.prototype.hasOwnProperty.call(facts, name)) continue;
      const value = facts[name];
      if (value === undefined) continue;
      const i = index.facts.get(name);
      if (i === undefined) {
        errors = add(errors, { code: 'unknown-fact', message: `unknown fact ${name}`, path: `facts.${name}` });
        continue;
      }
      const encoded = index.readers[i]!(value);
      if (encoded === INVALID) {
        errors = add(errors, { code: 'fact-type', message: `${name}: ${checkValue(rules.facts[i]!, value)}`, path: `facts.${name}` });
        continue;
      }
      if (i < index.slots) x[i] = encoded;
      if (named !== facts) named[name] = value;
    }
  }
  const claimant = input.claimant;
  if (claimant !== undefined && !index.claimants.includes(claimant)) {
    const message =
      index.claimants.length > 0
        ? `claimant must be one of ${index.claimants.join(', ')} (the claimants this revision's items name), got ${show(claimant)}`
        : `claimant cannot be given: no item of this revision names a claimant (got ${show(claimant)})`;
    errors = add(errors, { code: 'unknown-claimant', message, path: 'claimant' });
  }
  if (input.admission !== undefined) {
    const { from, to } = input.admission ?? ({} as { from?: unknown; to?: unknown });
    if (!isDate(from))
      errors = add(errors, {
        code: 'bad-date',
        message: `admission.from must be a date YYYY-MM-DD, got ${show(from)}`,
        path: 'admission.from',
      });
    if (to !== undefined && !isDate(to))
      errors = add(errors, { code: 'bad-date', message: `admission.to must be a date YYYY-MM-DD, got ${show(to)}`, path: 'admission.to' });
    else if (to !== undefined && isDate(from) && to < from)
      errors = add(errors, { code: 'bad-date', message: 'admission.to is before admission.from', path: 'admission.to' });
  }
  const history: PreparedInput['history'] = input.history && input.history.length > 0 ? [] : NO_HISTORY;
  if (input.history !== undefined && !Array.isArray(input.history))
    errors = add(errors, { code: 'bad-input', message: 'history must be a list of { id, date }', path: 'history' });
  else if (input.history) {
    for (let i = 0; i < input.history.length; i++) {
      const claim = input.history[i]!;
      const at = claim && typeof claim === 'object' ? index.ids.get(claim.id) : undefined;
      if (!at)
        errors = add(errors, {
          code: 'unknown-item',
          message: `history names an unknown item ${show(claim?.id)}`,
          path: `history[${i}].id`,
        });
      else if (!isDate(claim.date))
        errors = add(errors, {
          code: 'bad-date',
          message: `history date must be YYYY-MM-DD, got ${show(claim.date)}`,
          path: `history[${i}].date`,
        });
      else history.push({ item: at.item, id: claim.id, date: claim.date });
    }
  }
  let request: PreparedInput['request'];
  if (input.request !== undefined) {
    if (!Array.isArray(input.request))
      errors = add(errors, { code: 'bad-input', message: 'request must be a list of ids', path: 'request' });
    else {
      request = [];
      const seen = new Map<number, string>();
      for (let i = 0; i < input.request.length; i++) {
        const id = input.request[i];
        const at = typeof id === 'string' ? index.ids.get(id) : undefined;
        const other = at ? seen.get(at.item) : undefined;
        if (!at)
          errors = add(errors, { code: 'unknown-item', message: `request names an unknown item ${show(id)}`, path: `request[${i}]` });
        // One item is decided once: asking for it and one of its variants (or two variants) is ambiguous.
        else if (other !== undefined)
          errors = add(errors, {
            code: 'bad-input',
            message: `request names ${show(other)} and ${show(id)}, which are the same item; name the item or one variant`,
            path: `request[${i}]`,
          });
        else {
          seen.set(at.item, id as string);
          request.push({ item: at.item, id: id as string, variant: at.variant });
        }
      }
    }
  }
  if (errors) return errors.result();
  into.index = index;
  into.day = day;
  into.x = x;
  into.named = named;
  into.history = history;
  into.request = request;
  return undefined;
}

/** The claimants items name, each once, in workspace order (of a live rule set or of the compiler's plain data). */
export function claimantsOf(items: readonly { claimant?: string }[]): string[] {
  return [...new Set(items.flatMap((item) => (item.claimant === undefined ? [] : [item.claimant])))];
}

/** The errors found so far: the first INPUT_LIMITS.errors listed, the others only counted. */
class InputErrors {
  readonly listed: InputError[] = [];
  more = 0;

  result(): InputError[] {
    return this.more === 0
      ? this.listed
      : [...this.listed, { code: 'bad-input', message: `${this.more} more errors are not listed`, path: '' }];
  }
}

// Allocated only when something is wrong: a valid input builds nothing it does not return.
function add(errors: InputErrors | undefined, error: InputError): InputErrors {
  const found = errors ?? new InputErrors();
  if (found.listed.length < INPUT_LIMITS.errors) found.listed.push(error);
  else found.more++;
  return found;
}

/**
 * Reports every place in `value` that plain JSON data cannot hold — a BigInt, a function, a
 * symbol, NaN or Infinity, an empty entry of a list (a hole or undefined), a value that
 * contains itself, an object of a class (a Date, a Map) — a list longer than
 * INPUT_LIMITS.list (without visiting its entries) and nesting deeper than INPUT_LIMITS.depth.
 * A property whose value is undefined counts as absent, as in JSON. `keys` is the path to
 * `value` and `within` the lists and objects that contain it (both restored on return).
 */
function plainData(value: unknown, keys: (string | number)[], within: object[], errors: InputErrors | undefined): InputErrors | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return errors;
    case 'number':
      return Number.isFinite(value) ? errors : flag(errors, keys, `${value} is not a JSON number`);
    case 'bigint':
      return flag(errors, keys, 'a BigInt is not JSON data: give a number');
    case 'undefined':
      return flag(errors, keys, 'an empty entry of a list (a hole or undefined) is not JSON data');
    case 'symbol':
    case 'function':
      return flag(errors, keys, `a ${typeof value} is not JSON data`);
  }
  if (value === null) return errors;
  const container = value as object;
  if (within.includes(container)) return flag(errors, keys, 'this value contains itself, which JSON cannot hold');
  if (within.length >= INPUT_LIMITS.depth)
    return flag(errors, keys, `JSON data nested more than ${INPUT_LIMITS.depth} levels deep is not accepted`);
  within.push(container);
  if (Array.isArray(container)) {
    if (container.length > INPUT_LIMITS.list)
      errors = flag(
        errors,
        keys,
        `${pathOf(keys) || 'the input'} has ${container.length} entries; at most ${INPUT_LIMITS.list} are accepted`,
      );
    else {
      for (let i = 0; i < container.length; i++) {
        keys.push(i);
        // A hole reads as undefined, which is reported as one.
        errors = plainData(container[i], keys, within, errors);
        keys.pop();
      }
    }
  } else {
    if (!isPlain(container)) errors = flag(errors, keys, `an object of class ${className(container)} is not plain JSON data`);
    else {
      const record = container as Record<string, unknown>;
      for (const key in record) {
        if (!Object.prototype.hasOwnProperty.call(record, key) || record[key] === undefined) continue;
        keys.push(key);
        errors = plainData(record[key], keys, within, errors);
        keys.pop();
      }
    }
  }
  within.pop();
  return errors;
}

/**
 * Whether a value is an object as JSON data has them — not a list, and not of a class such as
 * Date or Map, whose data JSON would lose. The common path of a compiled module asks the same,
 * so both paths agree on every input; reading `constructor` first is the cheap test that
 * settles the usual object.
 */
export function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if ((value as { constructor?: unknown }).constructor === Object) return true;
  // An object without a prototype, or one with its own `constructor` key (a fact may be named so).
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === null || prototype === Object.prototype;
}

function className(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'unknown';
}

function flag(errors: InputErrors | undefined, keys: readonly (string | number)[], message: string): InputErrors {
  return add(errors, { code: 'bad-input', message, path: pathOf(keys) });
}

/** A path as error objects write it: `facts.patient.age`, `history[0].id`. */
function pathOf(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** The limits of an item and of its variants (of a live rule set or of the compiler's plain data). */
export function limitsOf<C>(item: RuleItemOf<C>): LimitOf<C>[] {
  return [item.limit, ...item.variants.map((v) => v.limit)].filter((l): l is LimitOf<C> => l !== undefined);
}

/** The citations an item's verdict can carry: the item's, then each variant's (index = picked variant + 1). */
function sourcesOf(item: RuleSet['items'][number]): RuleSet['items'][number]['source'][] {
  return [item.source, ...item.variants.map((v) => v.source)];
}

export const NO_HISTORY: PreparedInput['history'] = [];

/** The reader of one fact: checks a value as `checkValue` does and returns it in the engine's form. */
function readerOf(fact: RuleSet['facts'][number]): (value: unknown) => boolean | number | string | typeof INVALID {
  switch (fact.type) {
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : INVALID);
    case 'integer': {
      const min = fact.min ?? -Infinity;
      const max = fact.max ?? Infinity;
      return (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : INVALID);
    }
    case 'enum': {
      const values = new Set<unknown>(fact.values);
      return (value) => (values.has(value) ? (value as string) : INVALID);
    }
    case 'set': {
      const bits = new Map<unknown, number>(fact.values!.map((v, k) => [v, 1 << k]));
      return (value) => {
        if (!Array.isArray(value)) return INVALID;
        let mask = 0;
        for (let k = 0; k < value.length; k++) {
          const bit = bits.get(value[k]);
          // An unknown member or one listed twice.
          if (bit === undefined || (mask & bit) !== 0) return INVALID;
          mask |= bit;
        }
        return mask;
      };
    }
  }
}

/** Why a value does not fit a fact, or undefined when it does. */
function checkValue(fact: RuleSet['facts'][number], value: unknown): string | undefined {
  switch (fact.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${show(value)}`;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `expected an integer, got ${show(value)}`;
      if ((fact.min !== undefined && value < fact.min) || (fact.max !== undefined && value > fact.max))
        return `${value} is outside ${fact.min ?? '−∞'}..${fact.max ?? '∞'}`;
      return undefined;
    case 'enum':
      return typeof value === 'string' && fact.values!.includes(value)
        ? undefined
        : `expected one of ${fact.values!.join(', ')}, got ${show(value)}`;
    case 'set': {
      if (!Array.isArray(value)) return `expected a list of ${fact.values!.join(', ')}, got ${show(value)}`;
      const bad = value.find((v) => typeof v !== 'string' || !fact.values!.includes(v));
      if (bad !== undefined) return `${show(bad)} is not one of ${fact.values!.join(', ')}`;
      return new Set(value).size === value.length ? undefined : 'a member is listed twice';
    }
  }
}

/** Sets become bit masks (member i ↔ bit i); other values stay as they are. */
function encode(fact: RuleSet['facts'][number], value: unknown): boolean | number | string {
  if (fact.type !== 'set') return value as boolean | number | string;
  let mask = 0;
  for (const member of value as string[]) mask |= 1 << fact.values!.indexOf(member);
  return mask;
}

/** A value as an error message shows it: JSON for JSON data, else what kind of value it is (never throws). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function')
    return `a ${typeof value === 'bigint' ? 'BigInt' : typeof value}`;
  try {
    return JSON.stringify(value);
  } catch {
    return 'a value that is not JSON data';
  }
}
