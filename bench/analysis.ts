// Benchmark: the full analysis (parse, schema, every check including the condition
// analyses) of a generated workspace the size of the MHLW 電子点数表's 背反 tables —
// 10,000 items with 80,000 exclusion pairs — using the bundled R06 facts vocabulary.
// Prints the time per phase and per check; the goal is under 5 s on one core.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { CHECKS } from '../core/analysis/checks/index';
import { parseFile } from '../core/analysis/parse';
import { validateFile } from '../core/analysis/schema';
import { buildWorkspace } from '../core/model/workspace';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 80_000);
const FILES = 20;

/** A small deterministic generator, so every run analyses the same workspace. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const rand = random(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

const ATOMS = [
  '{ fact: patient.designated-disease, is: true }',
  '{ fact: patient.special-management, is: true }',
  '{ fact: guidance.home-physician, is: true }',
  '{ fact: guidance.hospital-staff, has: physician }',
  '{ fact: guidance.hospital-staff, has-any: [physician, nurse] }',
  '{ fact: guidance.home-parties, size-gte: 3 }',
  '{ fact: discharge.info-count, gte: 2 }',
  '{ fact: discharge.conference-count, gte: 1 }',
  '{ fact: patient.age, gte: 65 }',
  '{ fact: ward.type, in: [general, long-term-care] }',
  '{ fact: discharge.destination, is-not: death }',
  '{ fact: hospital.a246-filing, is: tier-1 }',
  '{ fact: admission.after-hours, is: false }',
];

function generate(): { file: string; text: string }[] {
  const root = process.cwd();
  const sources = [
    { file: join(root, 'bench', 'ws', 'facts.yaml'), text: readFileSync(join(root, 'rules', 'facts.yaml'), 'utf8') },
    { file: join(root, 'bench', 'ws', 'revisions.yaml'), text: readFileSync(join(root, 'rules', 'revisions.yaml'), 'utf8') },
  ];
  const excludes: string[][] = Array.from({ length: ITEMS }, () => []);
  for (let p = 0; p < PAIRS; p++) {
    const a = Math.floor(rand() * ITEMS);
    let b = Math.floor(rand() * ITEMS);
    if (b === a) b = (b + 1) % ITEMS;
    excludes[a]!.push(`X${b}`);
  }
  const perFile = Math.ceil(ITEMS / FILES);
  for (let f = 0; f < FILES; f++) {
    const lines = ['revision: R06', 'scheme: medical', 'items:'];
    for (let i = f * perFile; i < Math.min(ITEMS, (f + 1) * perFile); i++) {
      lines.push(`  - id: X${i}`, `    name: 生成項目${i}`, '    claimant: hospital');
      const atoms = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(ATOMS));
      if (i % 10 === 0) {
        lines.push(`    when: { all: [${atoms.join(', ')}] }`, '    variants:', '      options:');
        lines.push(
          `        - { id: X${i}.a, name: 生成区分${i}a, points: ${100 + (i % 900)}, when: { fact: discharge.info-count, lte: 2 } }`,
        );
        lines.push(
          `        - { id: X${i}.b, name: 生成区分${i}b, points: ${200 + (i % 900)}, when: { fact: discharge.info-count, gte: 3 } }`,
        );
      } else {
        lines.push(`    points: ${100 + (i % 900)}`, `    when: { all: [${atoms.join(', ')}] }`);
      }
      if (excludes[i]!.length > 0) lines.push(`    excludes: [${[...new Set(excludes[i])].join(', ')}]`);
      lines.push('    limit: { times: 1, per: admission }');
    }
    sources.push({
      file: join(root, 'bench', 'ws', `R06`, `gen-${String(f).padStart(2, '0')}.tariff.yaml`),
      text: `${lines.join('\n')}\n`,
    });
  }
  return sources;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

const sources = generate();
const bytes = sources.reduce((n, s) => n + s.text.length, 0);
// The peer for the parse phase: the yaml library alone on the same text, same run.
const [, yamlMs] = time(() => sources.map((s) => parseAllDocuments(s.text, { uniqueKeys: true, merge: true })));
const [parsed, parseMs] = time(() => sources.map((s) => parseFile(s.file, s.text)));
const [, schemaMs] = time(() => parsed.flatMap((p) => validateFile(p)));
const [ws, modelMs] = time(() => buildWorkspace(parsed));
const rows: [string, number, number][] = [];
let checksMs = 0;
for (const check of CHECKS) {
  const [findings, ms] = time(() => check.run(ws));
  checksMs += ms;
  rows.push([check.code, ms, findings.length]);
}
const analysis = schemaMs + modelMs + checksMs;
console.log(
  `workspace: ${ws.items.filter((i) => !i.owner).length} items (${ws.items.length} with variants), ${PAIRS} exclusion pairs, ${(bytes / 1024 / 1024).toFixed(1)} MB of YAML`,
);
console.log(
  `parse (yaml + spans): ${(parseMs / 1000).toFixed(2)} s — yaml.parseAllDocuments alone: ${(yamlMs / 1000).toFixed(2)} s (ratio ${(parseMs / yamlMs).toFixed(2)}×)`,
);
console.log(`schema ${schemaMs.toFixed(0)} ms · model ${modelMs.toFixed(0)} ms · checks ${checksMs.toFixed(0)} ms`);
for (const [code, ms, count] of rows.sort((a, b) => b[1] - a[1]).slice(0, 8))
  console.log(`  ${code.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${count} findings`);
console.log(`full analysis of the parsed workspace: ${(analysis / 1000).toFixed(2)} s (goal: under 5 s on one core)`);
console.log(`end to end with parsing: ${((parseMs + analysis) / 1000).toFixed(2)} s`);
// The last line, for scripts: the whole check against its peer, the yaml library's parse alone (goal ≤ 0.25×).
console.log(`analysis end-to-end / yaml.parseAllDocuments: ${((parseMs + analysis) / yamlMs).toFixed(2)}×`);
