// The rules core's evaluation (rule-language.md, "Evaluation"): candidates and effective
// dates, three-valued conditions and variant picks, limits over the history, parents and
// requirements, overrides and excludes (in the evaluation and against history claims), and
// the result with a reason, a deciding id and a citation for every rejected item.
import { addDays, addMonth, dayOf, isDate } from './dates';
import { isPlain, NO_HISTORY, prepareInput, ruleIndex, type At, type PreparedInput, type ResolvedRelation, type RuleIndex } from './input';
import { keepsOver } from './relations';
import {
  FALSE3,
  TRUE3,
  UNKNOWN3,
  type Condition,
  type EvaluateInput,
  type EvaluateOutcome,
  type FactVector,
  type Limit,
  type Per,
  type Reason,
  type Rejection,
  type RuleRelation,
  type RuleSet,
  type Source,
  type Truth3,
} from './types';

/** Evaluates one episode against one revision's rules. Never throws on bad input. */
export function evaluateRules(rules: RuleSet, input: EvaluateInput): EvaluateOutcome {
  // A compiled module decides common episodes itself (and hands them back only to settle relations).
  if (rules.common) {
    const outcome = rules.common(input);
    if (outcome) return outcome;
  }
  return engineOf(rules).run(input);
}

/**
 * The day number (YYYYMMDD) of a common episode — no request, no earlier claims, a valid date
 * and stay, facts given as a plain object (or not at all), no fields beside those `evaluate`
 * reads — or −1 for any other input, which the general path takes (and reports, if it is
 * wrong). Compiled modules call it first; the facts and the claimant they check themselves.
 */
export function commonDay(input: EvaluateInput): number {
  if (!isPlain(input) || typeof input.revision !== 'string' || input.request !== undefined) return -1;
  // Any other field could hold what JSON cannot (a BigInt, a function): the general path looks.
  for (const key in input) if (!inputField(key)) return -1;
  const history = input.history;
  if (history !== undefined && (!Array.isArray(history) || history.length !== 0)) return -1;
  const stay = input.admission;
  if (stay !== undefined && !(isPlain(stay) && isDate(stay.from) && (stay.to === undefined || (isDate(stay.to) && stay.to >= stay.from))))
    return -1;
  if (stay !== undefined) for (const key in stay) if (key !== 'from' && key !== 'to') return -1;
  const facts = input.facts as unknown;
  if (facts !== undefined && facts !== null && !isPlain(facts)) return -1;
  return dayOf(input.date);
}

/** Whether a key is a field of `EvaluateInput`. */
function inputField(key: string): boolean {
  switch (key as keyof EvaluateInput) {
    case 'revision':
    case 'date':
    case 'facts':
    case 'admission':
    case 'claimant':
    case 'history':
    case 'request':
      return true;
    default:
      return false;
  }
}

/**
 * The days in which a limit counts earlier claims (an end left open where the stay has not
 * ended), or why it counts none: `none` for a limit per claim, `no-stay` for a limit per month
 * after discharge without the stay, `outside` on a day outside that month.
 */
export function limitWindow(per: Per, input: EvaluateInput): { from?: string; to?: string } | 'none' | 'no-stay' | 'outside' {
  const admission = input.admission;
  switch (per) {
    case 'claim':
      return 'none';
    case 'day':
      return { from: input.date, to: input.date };
    case 'month':
      return { from: `${input.date.slice(0, 7)}-01`, to: `${input.date.slice(0, 7)}-31` };
    case 'admission':
      return admission ? { from: admission.from, to: admission.to ?? input.date } : {};
    case 'discharge':
      return admission ? { from: admission.from } : {};
    case 'after-discharge-month': {
      if (!admission) return 'no-stay';
      if (admission.to === undefined) return 'outside';
      const [from, to] = [addDays(admission.to, 1), addMonth(admission.to)];
      return input.date < from || input.date > to ? 'outside' : { from, to };
    }
  }
}

/** Steps 3–5 and the result of a common episode from a compiled module's decisions (see `Evaluation.settleCommon`). */
export function settleCommon(rules: RuleSet, input: EvaluateInput, day: number, x: FactVector, codes: readonly number[]): EvaluateOutcome {
  return engineOf(rules).settleCommon(input, day, x, codes);
}

/**
 * The engine of a rule set: one per rule set, its working arrays reused from call to call
 * (evaluation is synchronous); a call made while it runs (a condition that evaluates) gets
 * an engine of its own.
 */
function engineOf(rules: RuleSet): Evaluation {
  // The engine of the last rule set is at hand without a lookup: callers mostly evaluate one revision many times.
  let evaluation = last !== undefined && last.rules === rules ? last : engines.get(rules);
  if (!evaluation || evaluation.busy) {
    evaluation = new Evaluation(rules);
    if (!engines.has(rules)) engines.set(rules, evaluation);
  }
  if (!evaluation.busy) last = evaluation;
  return evaluation;
}

const engines = new WeakMap<RuleSet, Evaluation>();
let last: Evaluation | undefined;

/** The verdict of a rejection the result does not list (steps 1–3 of a common episode). */
const UNLISTED: Verdict = { reason: 'not-applicable', source: {}, afterCondition: false };
/** The facts of an episode that gives none. */
export const NO_FACTS: Readonly<Record<string, unknown>> = {};
const NONE: readonly number[] = [];

/** Stands for the stay itself in missing-facts (an `after-discharge-month` limit without `admission`). */
const ADMISSION: Condition = { facts: [], test: () => UNKNOWN3 };

// Item states: 0 not a candidate, 1 kept, 2 rejected.
const KEPT = 1;
const REJECTED = 2;

interface Verdict {
  reason: Reason;
  by?: string;
  /** For missing-facts: the undecided conditions; their unknown facts are listed only if the verdict is shown. */
  unknown?: Condition[];
  source: Source;
  /** Whether discovery lists it: only candidates whose condition held and were then dropped. */
  afterCondition: boolean;
}

class Evaluation {
  /** Whether a call is under way (a nested call then gets an engine of its own). */
  busy = false;
  private readonly index: RuleIndex;
  private readonly n: number;
  // Per item, reset at the start of every call. Plain arrays: for the few dozen items of a
  // rule set they are cheaper than typed arrays.
  private readonly state: number[];
  /** The picked variant of each item, −1 for none. */
  private readonly picked: number[];
  private readonly requestedAs: (string | undefined)[];
  private readonly verdicts: (Verdict | undefined)[];
  /** The variant each requested item was asked for by id (−1: the core picks). */
  private readonly forced: number[];
  /** Compiled step-2 answers per item, when the rule set has `decideAll`. */
  private readonly decisions: number[];
  /** Relations with both ends kept, gathered by `clashes` (reused). */
  private readonly clashing: ResolvedRelation[] = [];
  // The episode of the current call.
  private input!: EvaluateInput;
  private readonly prepared = {} as PreparedInput;
  /** The evaluation date as YYYYMMDD. */
  private day = 0;
  private overriddenClaims: { item: number; id: string; date: string }[] = [];
  /** While relations are settled (`logging`): the rejections made, so that they can be taken back. */
  private logging = false;
  private readonly undoItems: number[] = [];
  private readonly undoStates: number[] = [];
  private readonly undoVerdicts: (Verdict | undefined)[] = [];
  /** How many entries of the undo lists are in use (the lists are overwritten, never shortened: cheaper). */
  private undoCount = 0;

  constructor(readonly rules: RuleSet) {
    this.index = ruleIndex(rules);
    this.n = rules.items.length;
    this.state = new Array<number>(this.n).fill(0);
    this.picked = new Array<number>(this.n).fill(-1);
    this.requestedAs = new Array<string | undefined>(this.n).fill(undefined);
    this.verdicts = new Array<Verdict | undefined>(this.n).fill(undefined);
    this.forced = new Array<number>(this.n).fill(-1);
    this.decisions = new Array<number>(this.n).fill(0);
  }

  run(input: EvaluateInput): EvaluateOutcome {
    this.busy = true;
    try {
      const errors = prepareInput(this.rules, input, this.index, this.prepared);
      if (errors) return { errors };
      const prepared = this.prepared;
      this.input = input;
      this.day = prepared.day;
      // Only the states: the other per-item entries are read only for candidates, and
      // `consider` sets them (a verdict comes with every rejection). One loop rather than
      // `fill`: for arrays this small the builtin's call costs more than the writes.
      for (let i = 0; i < this.n; i++) this.state[i] = 0;
      // A new list only when the last call used it (shortening an array costs more than checking).
      if (this.overriddenClaims.length > 0) this.overriddenClaims = [];
      this.logging = false;
      this.candidates();
      if (this.rules.decideAll) {
        // Compiled rules decide every item in one call; requested variants still take the reference form.
        this.rules.decideAll(this.decisions, prepared.x);
      }
      for (let i = 0; i < this.n; i++) if (this.state[i] === KEPT) this.decideCondition(i, this.forced[i]!);
      for (const i of this.index.limited) if (this.state[i] === KEPT) this.decideLimits(i);
      // Earlier claims are settled facts: they act first, on every candidate still standing.
      this.settleHistory();
      this.settleRelations();
      return this.result();
    } finally {
      this.busy = false;
    }
  }

  /**
   * Steps 3–5 and the result for a common episode whose steps 1–2 a compiled module decided
   * (`codes[i]`: the item's decision if it stands, else 0; see `common` in the generated code).
   */
  settleCommon(input: EvaluateInput, day: number, x: FactVector, codes: readonly number[]): EvaluateOutcome {
    this.busy = true;
    try {
      const prepared = this.prepared;
      prepared.index = this.index;
      prepared.day = day;
      prepared.x = x;
      // Without defaults added: only interpreted conditions read the named facts, and only compiled modules come here.
      prepared.named = (input.facts ?? NO_FACTS) as Record<string, unknown>;
      prepared.history = NO_HISTORY;
      prepared.request = undefined;
      this.input = input;
      this.day = day;
      if (this.overriddenClaims.length > 0) this.overriddenClaims = [];
      this.logging = false;
      for (let i = 0; i < this.n; i++) this.decisions[i] = codes[i]!;
      // Without earlier claims, only a limit per month after discharge can stop a kept item (outside its window).
      for (let k = 0; k < this.index.windowed.length; k++) {
        const i = this.index.windowed[k]!;
        if (this.decisions[i] === 0) continue;
        this.state[i] = KEPT;
        this.picked[i] = (this.decisions[i]! >> 2) - 1;
        this.decideLimits(i);
        if (this.state[i] !== KEPT) this.decisions[i] = 0;
      }
      return this.settleDecided();
    } finally {
      this.busy = false;
    }
  }

  /** Steps 4–5 and the result from the common episode's decisions (those not kept are rejections the result does not list). */
  private settleDecided(): EvaluateOutcome {
    const { state, picked, decisions } = this;
    for (let i = 0; i < this.n; i++) {
      this.requestedAs[i] = undefined;
      this.forced[i] = -1;
      if (decisions[i] !== 0) {
        state[i] = KEPT;
        picked[i] = (decisions[i]! >> 2) - 1;
      } else {
        state[i] = REJECTED;
        this.verdicts[i] = UNLISTED;
        picked[i] = -1;
      }
    }
    this.settleRelations();
    return this.result();
  }

  /**
   * Steps 4–5 with "only kept items act" made exact: if an item that acted in a relation
   * loses its parent afterwards, the relations are settled again with it out from the start.
   */
  private settleRelations(): void {
    // Without a relation between two kept items there is nothing to act and nothing to redo.
    if (this.clashes(this.index.overrides) === 0 && this.clashes(this.index.excludes) === 0) {
      this.settleParents();
      return;
    }
    this.logging = true;
    this.clearUndo();
    let out: Map<number, Verdict> | undefined;
    for (;;) {
      if (out) for (const [i, verdict] of out) this.reject(i, verdict);
      this.settleParents();
      this.settleOverrides();
      this.settleExcludes();
      const late = this.settleParents();
      if (late.length === 0) break;
      out ??= new Map();
      for (const i of late) out.set(i, this.verdicts[i]!);
      // Start over from the state before any relation acted.
      for (let k = this.undoCount - 1; k >= 0; k--) {
        this.state[this.undoItems[k]!] = this.undoStates[k]!;
        this.verdicts[this.undoItems[k]!] = this.undoVerdicts[k];
      }
      this.clearUndo();
    }
    this.logging = false;
  }

  /** Step 1: which items are considered, and which are out of their effective period. */
  private candidates(): void {
    const request = this.prepared.request;
    if (request) for (const r of request) this.consider(r.item, r.id, r.variant);
    else for (let i = 0; i < this.n; i++) this.consider(i, undefined, -1);
  }

  private consider(i: number, as: string | undefined, variant: number): void {
    const item = this.rules.items[i]!;
    const { input } = this;
    this.requestedAs[i] = as;
    this.forced[i] = variant;
    this.picked[i] = -1;
    if (input.claimant !== undefined && item.claimant !== undefined && item.claimant !== input.claimant) {
      this.reject(i, { reason: 'not-applicable', source: item.source, afterCondition: false });
    } else if (this.day < this.index.from[i]! || this.day > this.index.to[i]!) {
      this.reject(i, { reason: 'not-effective', source: item.source, afterCondition: false });
    } else {
      this.state[i] = KEPT;
    }
  }

  /** Step 2: the item's condition and its variant pick, in three-valued logic. */
  private decideCondition(i: number, forced: number): void {
    const item = this.rules.items[i]!;
    let truth: Truth3;
    let pick: number;
    if (forced < 0 && (this.rules.decideAll || item.decide)) {
      // The compiled decision: (picked variant + 1) × 4 + truth.
      const r = this.rules.decideAll ? this.decisions[i]! : item.decide!(this.prepared.x, this.prepared.named);
      truth = (r & 3) as Truth3;
      pick = (r >> 2) - 1;
    } else {
      const decided = this.condition(i, forced);
      truth = decided.truth;
      pick = decided.pick;
    }
    if (pick >= 0) this.picked[i] = pick;
    // Verdicts of this step are shared per item: nothing is allocated on the common path, and
    // the unknown facts are worked out only if the rejection is shown (see `result`).
    if (truth === FALSE3) this.reject(i, this.index.notApplicable[i]![pick + 1]!);
    else if (truth === UNKNOWN3) this.reject(i, this.index.undecided[i]![pick + 1]!);
  }

  /**
   * The reference form of step 2: the item's condition, then its variant pick (`unique`: the
   * first that holds; `first`: an unknown before the first true leaves the pick unknown).
   * `collect` receives the conditions that are unknown, for missing-facts.
   */
  private condition(i: number, forced: number, collect?: Condition[]): { truth: Truth3; pick: number } {
    const item = this.rules.items[i]!;
    let truth = this.test(item.when);
    if (truth === UNKNOWN3 && item.when) collect?.push(item.when);
    let pick = -1;
    if (truth !== FALSE3 && item.variants.length > 0) {
      let variantTruth: Truth3 = FALSE3;
      if (forced >= 0) {
        pick = forced;
        variantTruth = this.test(item.variants[forced]!.when);
        if (variantTruth === UNKNOWN3) collect?.push(item.variants[forced]!.when!);
      } else {
        const unknowns: Condition[] = [];
        for (let v = 0; v < item.variants.length; v++) {
          const when = item.variants[v]!.when;
          const t = this.test(when);
          if (t === TRUE3) {
            pick = v;
            variantTruth = TRUE3;
            break;
          }
          if (t === UNKNOWN3) {
            unknowns.push(when!);
            if (item.pick === 'first') break;
          }
        }
        if (variantTruth !== TRUE3 && unknowns.length > 0) {
          variantTruth = UNKNOWN3;
          collect?.push(...unknowns);
        }
      }
      truth = and3(truth, variantTruth);
    }
    return { truth, pick };
  }

  /** Step 3: limits of the item (all its variants count) and of the picked variant. */
  private decideLimits(i: number): void {
    const item = this.rules.items[i]!;
    const variant = this.picked[i]! >= 0 ? item.variants[this.picked[i]!]! : undefined;
    const source = variant ? variant.source : item.source;
    const verdict =
      (item.limit && this.checkLimit(item.limit, i, undefined, source)) ||
      (variant?.limit && this.checkLimit(variant.limit, i, variant.id, source));
    if (verdict) this.reject(i, verdict);
  }

  /** A limit's verdict, counting history claims of item `i` (or only of variant `variantId`). */
  private checkLimit(limit: Limit, i: number, variantId: string | undefined, source: Source): Verdict | undefined {
    const window = limitWindow(limit.per, this.input);
    if (window === 'none') return undefined;
    if (window === 'no-stay') return { reason: 'missing-facts', unknown: [ADMISSION], source, afterCondition: false };
    if (window === 'outside') return { reason: 'not-applicable', source, afterCondition: false };
    const { from, to } = window;
    let count = 0;
    for (const claim of this.prepared.history) {
      const counts = variantId === undefined ? claim.item === i : claim.id === variantId;
      if (counts && (from === undefined || claim.date >= from) && (to === undefined || claim.date <= to)) count++;
    }
    if (count < limit.times && (!limit.raised || count < limit.raised.times)) return undefined;
    let times = limit.times;
    if (limit.raised) {
      const raised = this.test(limit.raised.when);
      if (raised === TRUE3) times = limit.raised.times;
      else if (raised === UNKNOWN3 && count < Math.max(limit.times, limit.raised.times)) {
        if (count >= Math.min(limit.times, limit.raised.times))
          return { reason: 'missing-facts', unknown: [limit.raised.when], source, afterCondition: true };
        return undefined;
      }
    }
    return count >= times ? { reason: 'limit-reached', source, afterCondition: true } : undefined;
  }

  /** Step 4: an addition needs its parent kept, and every item it requires. Returns the items it rejected. */
  private settleParents(): readonly number[] {
    // A list only when something is rejected: most calls reject nothing.
    let rejected: number[] | undefined;
    for (let changed = true; changed;) {
      changed = false;
      for (const i of this.index.dependent) {
        if (this.state[i] !== KEPT) continue;
        const item = this.rules.items[i]!;
        const parent = this.index.parents[i];
        let missing = parent !== undefined && !this.isKept(parent) ? parent.id : undefined;
        const requires = this.index.requires[i]!;
        for (let r = 0; missing === undefined && r < requires.length; r++) if (!this.isKept(requires[r]!)) missing = requires[r]!.id;
        if (missing !== undefined) {
          this.reject(i, { reason: 'parent-missing', by: missing, source: item.source, afterCondition: true });
          (rejected ??= []).push(i);
          changed = true;
        }
      }
    }
    return rejected ?? NONE;
  }

  /** Step 5a: overrides, overriders first (an overridden item does not act). */
  private settleOverrides(): void {
    const count = this.clashes(this.index.overrides);
    if (count === 0) return;
    if (count === 1) {
      const x = this.clashing[0]!;
      this.applyRelation(x.r, x.a, x.b, 'overridden');
      return;
    }
    const relations = this.clashing.slice(0, count);
    // Kahn's order over the override graph among kept items; cycles fall back to workspace order.
    const indegree = new Map<number, number>();
    for (const x of relations) indegree.set(x.b.item, (indegree.get(x.b.item) ?? 0) + 1);
    const done = new Set<ResolvedRelation>();
    for (let guard = 0; done.size < relations.length && guard <= relations.length; guard++) {
      const ready = relations.filter((x) => !done.has(x) && (indegree.get(x.a.item) ?? 0) === 0);
      const next = ready.length > 0 ? ready : relations.filter((x) => !done.has(x)).slice(0, 1);
      for (const x of next) {
        done.add(x);
        indegree.set(x.b.item, (indegree.get(x.b.item) ?? 1) - 1);
        if (this.isKept(x.a) && this.isKept(x.b)) this.applyRelation(x.r, x.a, x.b, 'overridden');
      }
    }
  }

  /** Step 5b: excludes, settled greedily from the largest amount (ties: workspace order). */
  private settleExcludes(): void {
    const count = this.clashes(this.index.excludes);
    if (count === 0) return;
    if (count === 1) {
      // One clash needs no ranking: the one kept over the other wins.
      const x = this.clashing[0]!;
      const aWins = this.keptOver(x.a, x.b);
      this.applyRelation(x.r, aWins ? x.a : x.b, aWins ? x.b : x.a, 'excluded');
      return;
    }
    const relations = this.clashing.slice(0, count);
    const contender = (at: At) => this.contender(at);
    const ranked = relations
      .map((x) => (keepsOver(contender(x.a), contender(x.b)) ? { r: x.r, winner: x.a, loser: x.b } : { r: x.r, winner: x.b, loser: x.a }))
      .sort((x, y) => {
        const cx = contender(x.winner);
        const cy = contender(y.winner);
        return keepsOver(cx, cy) ? -1 : keepsOver(cy, cx) ? 1 : 0;
      });
    for (const { r, winner, loser } of ranked) {
      if (this.isKept(winner) && this.isKept(loser)) this.applyRelation(r, winner, loser, 'excluded');
    }
  }

  /** Step 5c: a candidate that clashes with a history claim in scope loses, unless it overrides that claim. */
  private settleHistory(): void {
    if (this.prepared.history.length === 0) return;
    for (const x of this.index.scoped) {
      const r = x.r;
      for (const claim of this.prepared.history) {
        if (!this.inScope(r.scope, claim.date)) continue;
        for (const [mine, theirs] of [
          [x.a, x.b],
          [x.b, x.a],
        ] as const) {
          if (!this.isKept(mine) || !this.names(theirs, claim)) continue;
          const truth = this.test(r.when);
          if (truth === FALSE3) continue;
          const i = mine.item;
          if (r.kind === 'overrides' && mine === x.a) {
            // It wins over the earlier claim; the claim is withdrawn only if this item ends up kept
            // and the relation is known to hold (an unknown `when` would lose the claim, not this item).
            if (truth === TRUE3) this.overriddenClaims.push({ item: i, id: claim.id, date: claim.date });
          } else if (truth === UNKNOWN3)
            this.reject(i, { reason: 'missing-facts', unknown: [r.when!], source: r.source, afterCondition: true });
          else
            this.reject(i, {
              reason: r.kind === 'overrides' ? 'overridden' : 'excluded',
              by: claim.id,
              source: r.source,
              afterCondition: true,
            });
        }
      }
    }
  }

  /** The earlier claims to withdraw: those overridden by an item that is kept in the end. */
  private withdrawals(): { id: string; date: string }[] {
    const withdraw: { id: string; date: string }[] = [];
    for (const c of this.overriddenClaims) {
      if (this.state[c.item] === KEPT && !withdraw.some((w) => w.id === c.id && w.date === c.date))
        withdraw.push({ id: c.id, date: c.date });
    }
    return withdraw;
  }

  /** How many of the relations have both ends kept; they are gathered at the start of `clashing`. */
  private clashes(relations: readonly ResolvedRelation[]): number {
    let count = 0;
    for (let k = 0; k < relations.length; k++)
      if (this.isKept(relations[k]!.a) && this.isKept(relations[k]!.b)) this.clashing[count++] = relations[k]!;
    return count;
  }

  /** An item in an `excludes` clash: the yen its kept amount is worth, and its workspace order. */
  private contender(at: At): { yen: number; order: number } {
    return { yen: this.yenOf(at.item), order: this.index.plans[at.item]!.order };
  }

  /** `keepsOver` of the two contenders, without building them (the common single clash). */
  private keptOver(a: At, b: At): boolean {
    const ya = this.yenOf(a.item);
    const yb = this.yenOf(b.item);
    return ya !== yb ? ya > yb : this.index.plans[a.item]!.order < this.index.plans[b.item]!.order;
  }

  /** What the kept amount of an item (or its picked variant) is worth in yen. */
  private yenOf(i: number): number {
    return this.amountOf(i) * this.index.plans[i]!.yenPer;
  }

  private applyRelation(r: RuleRelation, winner: At, loser: At, reason: 'overridden' | 'excluded'): void {
    const truth = this.test(r.when);
    if (truth === FALSE3) return;
    if (truth === UNKNOWN3)
      this.reject(loser.item, { reason: 'missing-facts', unknown: [r.when!], source: r.source, afterCondition: true });
    else this.reject(loser.item, { reason, by: this.keptId(winner.item), source: r.source, afterCondition: true });
  }

  private result(): EvaluateOutcome {
    const { rules, input } = this;
    const claimable = [];
    const rejected: Rejection[] = [];
    const total = { points: 0, units: 0, yen: 0 };
    for (let i = 0; i < this.n; i++) {
      const item = this.index.plans[i]!;
      if (this.state[i] === KEPT) {
        const v = this.picked[i]! >= 0 ? item.variants[this.picked[i]!]! : undefined;
        const amount = v ? v.amount : item.amount;
        claimable.push({ id: v ? v.id : item.id, name: v ? v.name : item.name, amount, unit: item.unit });
        // A branch per unit: a store under a computed key would be slower in this hot loop.
        if (item.unit === 'points') total.points += amount;
        else if (item.unit === 'units') total.units += amount;
        else total.yen += amount;
      } else if (this.state[i] === REJECTED) {
        const verdict = this.verdicts[i]!;
        // Discovery lists only what held and was then dropped; a request lists every id not kept.
        if (this.requestedAs[i] === undefined && (this.prepared.request || !verdict.afterCondition)) continue;
        // Key order as in cli.md: id, variant, reason, by, facts, source.
        const id = this.requestedAs[i] ?? item.id;
        const v = this.picked[i]!;
        const rejection = { id } as Rejection;
        if (v >= 0 && item.variants[v]!.id !== id) rejection.variant = item.variants[v]!.id;
        rejection.reason = verdict.reason;
        if (verdict.by !== undefined) rejection.by = verdict.by;
        if (verdict.unknown) rejection.facts = this.missing(verdict.unknown);
        else if (verdict.reason === 'missing-facts') {
          // A condition verdict: replay the reference form of step 2 to name the unknown facts.
          const unknown: Condition[] = [];
          this.condition(i, this.forced[i]!, unknown);
          rejection.facts = this.missing(unknown);
        }
        rejection.source = verdict.source;
        rejected.push(rejection);
      }
    }
    return { revision: rules.revision, date: input.date, claimable, rejected, withdraw: this.withdrawals(), total };
  }

  private clearUndo(): void {
    this.undoCount = 0;
  }

  private reject(i: number, verdict: Verdict): void {
    if (this.logging) {
      const k = this.undoCount++;
      this.undoItems[k] = i;
      this.undoStates[k] = this.state[i]!;
      this.undoVerdicts[k] = this.verdicts[i];
    }
    this.state[i] = REJECTED;
    this.verdicts[i] = verdict;
  }

  private test(condition: Condition | undefined): Truth3 {
    return condition ? condition.test(this.prepared.x, this.prepared.named) : TRUE3;
  }

  /** The unknown facts of the given conditions, sorted by name (`admission` when the stay is missing). */
  private missing(conditions: Condition[]): string[] {
    const names = new Set<string>();
    for (const c of conditions) {
      if (c === ADMISSION) names.add('admission');
      else for (const f of c.facts) if (this.prepared.x[f] === undefined) names.add(this.rules.facts[f]!.name);
    }
    return [...names].sort();
  }

  /** Whether the item or variant is kept (for a variant: its item is kept with it picked). */
  private isKept(at: At): boolean {
    return this.state[at.item] === KEPT && (at.variant < 0 || this.picked[at.item] === at.variant);
  }

  /** Whether a relation end names a history claim (the claim's item, or its exact variant). */
  private names(at: At, claim: { item: number; id: string }): boolean {
    return at.variant < 0 ? at.item === claim.item : at.id === claim.id;
  }

  private keptId(i: number): string {
    const v = this.picked[i]!;
    const plan = this.index.plans[i]!;
    return v >= 0 ? plan.variants[v]!.id : plan.id;
  }

  private amountOf(i: number): number {
    const v = this.picked[i]!;
    const plan = this.index.plans[i]!;
    return v >= 0 ? plan.variants[v]!.amount : plan.amount;
  }

  private inScope(scope: RuleRelation['scope'], date: string): boolean {
    const { input } = this;
    switch (scope) {
      case 'day':
        return date === input.date;
      case 'month':
        return date.slice(0, 7) === input.date.slice(0, 7);
      case 'admission':
        return input.admission ? date >= input.admission.from && date <= (input.admission.to ?? input.date) : true;
      default:
        return false;
    }
  }
}

function and3(a: Truth3, b: Truth3): Truth3 {
  if (a === FALSE3 || b === FALSE3) return FALSE3;
  return a === UNKNOWN3 || b === UNKNOWN3 ? UNKNOWN3 : TRUE3;
}
