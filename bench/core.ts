// Benchmark: the compiled rules core against its peers in the same run.
// 1. One decision — the 退院・退所加算 tier (5 variants over two counts, excluded with 初回加算)
//    — as a compiled rules core, as hand-written plain JS, and as json-rules-engine rules,
//    on the same inputs. Goals: within 3× of hand-written JS; ≥ 100× json-rules-engine.
// 2. Full episodes per second against the bundled R06 rule set (goal ≥ 300,000 on one core).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { Engine } from 'json-rules-engine';
import { analyze } from '../core/analysis/analyze';
import { generateModule } from '../core/compiler/codegen';
import { ruleSetSpec } from '../core/analysis/rule-set-spec';
import { evaluate as evaluateR06 } from '../core/index';
import type { EvaluateInput, EvaluateOutcome, EvaluateResult } from '../core/runtime/types';
import { r06Episodes, race } from './race';
import { readFileSync } from 'node:fs';

const ROOT = process.cwd();
const DISCHARGE = `revision: R06
scheme: care
items:
  - id: care.discharge
    name: 退院・退所加算
    limit: { times: 1, per: admission }
    when: { fact: discharge.info-count, gte: 1 }
    excludes: [care.initial]
    variants:
      options:
        - { id: care.discharge.1a, name: (Ⅰ)イ, units: 450, when: [ { fact: discharge.info-count, is: 1 }, { fact: discharge.conference-count, is: 0 } ] }
        - { id: care.discharge.1b, name: (Ⅰ)ロ, units: 600, when: [ { fact: discharge.info-count, is: 1 }, { fact: discharge.conference-count, gte: 1 } ] }
        - { id: care.discharge.2a, name: (Ⅱ)イ, units: 600, when: [ { fact: discharge.info-count, gte: 2 }, { fact: discharge.conference-count, is: 0 } ] }
        - { id: care.discharge.2b, name: (Ⅱ)ロ, units: 750, when: [ { fact: discharge.info-count, is: 2 }, { fact: discharge.conference-count, gte: 1 } ] }
        - { id: care.discharge.3, name: (Ⅲ), units: 900, when: [ { fact: discharge.info-count, gte: 3 }, { fact: discharge.conference-count, gte: 1 } ] }
  - id: care.initial
    name: 初回加算
    units: 300
    when: { fact: careplan.new, is: true }
`;

/** Compiles the one-decision rule set with the real compiler and loads the module. */
function compileDischarge(): (input: EvaluateInput) => EvaluateOutcome {
  const facts = readFileSync(join(ROOT, 'rules', 'facts.yaml'), 'utf8');
  const revisions = readFileSync(join(ROOT, 'rules', 'revisions.yaml'), 'utf8');
  const { workspace, findings } = analyze([
    { file: '/bench/facts.yaml', text: facts },
    { file: '/bench/revisions.yaml', text: revisions },
    { file: '/bench/R06/discharge.tariff.yaml', text: DISCHARGE },
  ]);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`bench rules have errors: ${errors.map((e) => e.code).join(', ')}`);
  const dir = join(ROOT, 'dist', 'bench', 'generated');
  mkdirSync(dir, { recursive: true });
  const source = generateModule(ruleSetSpec(workspace, 'R06')).replace(/'\.\.\/runtime\//g, `'${join(ROOT, 'core', 'runtime')}/`);
  writeFileSync(join(dir, 'discharge.ts'), source);
  buildSync({
    entryPoints: [join(dir, 'discharge.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(dir, 'discharge.js'),
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(dir, 'discharge.js')).evaluate;
}

/**
 * The same decision written by hand, producing the same result as the compiled core (same
 * claimable and rejected entries, reasons, citations, totals) and checking the facts it
 * reads, as a careful developer would — so the comparison is like for like.
 */
const TIERS = [
  { id: 'care.discharge.1a', name: '(Ⅰ)イ', amount: 450 },
  { id: 'care.discharge.1b', name: '(Ⅰ)ロ', amount: 600 },
  { id: 'care.discharge.2a', name: '(Ⅱ)イ', amount: 600 },
  { id: 'care.discharge.2b', name: '(Ⅱ)ロ', amount: 750 },
  { id: 'care.discharge.3', name: '(Ⅲ)', amount: 900 },
];
const NO_SOURCE = {};
function handWritten(input: EvaluateInput): EvaluateOutcome {
  const facts = input.facts;
  const info = facts['discharge.info-count'];
  const conf = facts['discharge.conference-count'];
  const initial = facts['careplan.new'];
  if (
    (info !== undefined && (typeof info !== 'number' || !Number.isInteger(info) || info < 0 || info > 31)) ||
    (conf !== undefined && (typeof conf !== 'number' || !Number.isInteger(conf) || conf < 0 || conf > 31)) ||
    (initial !== undefined && typeof initial !== 'boolean')
  ) {
    return { errors: [{ code: 'fact-type', message: 'a fact has the wrong type', path: 'facts' }] };
  }
  let tier: (typeof TIERS)[number] | undefined;
  if (typeof info === 'number' && typeof conf === 'number' && info >= 1) {
    if (info === 1) tier = conf === 0 ? TIERS[0] : TIERS[1];
    else if (conf === 0) tier = TIERS[2];
    else if (info === 2) tier = TIERS[3];
    else tier = TIERS[4];
  }
  const claimable: { id: string; name: string; amount: number; unit: 'units' }[] = [];
  const rejected: EvaluateResult['rejected'] = [];
  const first = initial === true;
  if (tier && first && tier.amount < 300) {
    claimable.push({ id: 'care.initial', name: '初回加算', amount: 300, unit: 'units' });
    rejected.push({ id: 'care.discharge', variant: tier.id, reason: 'excluded', by: 'care.initial', source: NO_SOURCE });
  } else {
    if (tier) claimable.push({ id: tier.id, name: tier.name, amount: tier.amount, unit: 'units' });
    if (first && tier) rejected.push({ id: 'care.initial', reason: 'excluded', by: tier.id, source: NO_SOURCE });
    else if (first) claimable.push({ id: 'care.initial', name: '初回加算', amount: 300, unit: 'units' });
  }
  let units = 0;
  for (const c of claimable) units += c.amount;
  return { revision: 'R06', date: input.date, claimable, rejected, withdraw: [], total: { points: 0, units, yen: 0 } };
}

/** The same decision as json-rules-engine rules (one rule per tier, one for 初回加算). */
function jsonRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const tier = (id: string, amount: number, info: object, conf: object) =>
    engine.addRule({
      conditions: {
        all: [
          { fact: 'info', ...info },
          { fact: 'conf', ...conf },
        ],
      },
      event: { type: 'claim', params: { id, amount } },
      priority: amount,
    });
  tier('care.discharge.1a', 450, { operator: 'equal', value: 1 }, { operator: 'equal', value: 0 });
  tier('care.discharge.1b', 600, { operator: 'equal', value: 1 }, { operator: 'greaterThanInclusive', value: 1 });
  tier('care.discharge.2a', 600, { operator: 'greaterThanInclusive', value: 2 }, { operator: 'equal', value: 0 });
  tier('care.discharge.2b', 750, { operator: 'equal', value: 2 }, { operator: 'greaterThanInclusive', value: 1 });
  tier('care.discharge.3', 900, { operator: 'greaterThanInclusive', value: 3 }, { operator: 'greaterThanInclusive', value: 1 });
  engine.addRule({
    conditions: { all: [{ fact: 'initial', operator: 'equal', value: true }] },
    event: { type: 'claim', params: { id: 'care.initial', amount: 300 } },
    priority: 1,
  });
  return engine;
}

function inputs(count: number): EvaluateInput[] {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  return Array.from({ length: count }, () => {
    const info = Math.floor(next() * 5);
    return {
      revision: 'R06',
      date: '2024-07-10',
      facts: {
        'discharge.info-count': info,
        'discharge.conference-count': Math.min(info, Math.floor(next() * 3)),
        'careplan.new': next() < 0.3,
      },
    };
  });
}

async function main(): Promise<void> {
  const data = inputs(10_000);
  const compiled = compileDischarge();
  // The three must decide the same before their speed means anything.
  const engine = jsonRulesEngine();
  for (const input of data.slice(0, 200)) {
    const a = compiled(input);
    const b = handWritten(input);
    if (JSON.stringify(a) !== JSON.stringify(b))
      throw new Error(`hand-written JS disagrees on ${JSON.stringify(input.facts)}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    const { events } = await engine.run({
      info: input.facts['discharge.info-count'],
      conf: input.facts['discharge.conference-count'],
      initial: input.facts['careplan.new'],
    });
    const best = events.sort((x, y) => (y.params!.amount as number) - (x.params!.amount as number))[0];
    const ids = 'errors' in a ? [] : a.claimable.map((c) => c.id);
    if ((best ? best.params!.id : undefined) !== ids[0]) throw new Error(`json-rules-engine disagrees on ${JSON.stringify(input.facts)}`);
  }
  const small = data.slice(0, 2000);
  const rates = await race({
    compiled: () => data.forEach((i) => compiled(i)),
    hand: () => data.forEach((i) => handWritten(i)),
    jre: async () => {
      for (const i of small)
        await engine.run({
          info: i.facts['discharge.info-count'],
          conf: i.facts['discharge.conference-count'],
          initial: i.facts['careplan.new'],
        });
    },
  });
  const compiledRate = rates.compiled! * data.length;
  const handRate = rates.hand! * data.length;
  const jreRate = rates.jre! * small.length;
  const episodes = r06Episodes(data.length, { earlierClaims: true });
  const r06Rate = (await race({ r06: () => episodes.forEach((e) => evaluateR06(e)) })).r06! * episodes.length;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`full episodes against bundled R06 (${evaluateItems()} items): ${fmt(r06Rate)} episodes/s (goal ≥ 300,000)`);
  console.log('decision: 退院・退所加算 tier (+ 初回加算 exclusion), 10,000 inputs, same run');
  console.log(`  compiled rules core   ${fmt(compiledRate).padStart(12)} decisions/s`);
  // The last lines, for scripts: the ratios to the peers measured in this run.
  console.log(
    `  hand-written JS       ${fmt(handRate).padStart(12)} decisions/s   compiled is ${(handRate / compiledRate).toFixed(2)}× slower (goal ≤ 3×)`,
  );
  console.log(
    `  json-rules-engine     ${fmt(jreRate).padStart(12)} decisions/s   compiled is ${(compiledRate / jreRate).toFixed(0)}× faster (goal ≥ 100×)`,
  );
}

function evaluateItems(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../core/generated/index').revisions as Record<string, { items: unknown[] }>).R06!.items.length;
}

void main();
