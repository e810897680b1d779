// The workspace the scale benchmarks analyse: the size of the MHLW 電子点数表 with its 背反
// tables — by default 10,000 items with 80,000 exclusion pairs — spread over a number of
// tariff files, with the bundled facts and revisions. Deterministic: every run and every
// benchmark gets the same files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GeneratedFile {
  /** Relative to the workspace root. */
  path: string;
  text: string;
}

export interface WorkspaceSize {
  items: number;
  pairs: number;
  files: number;
}

export const FULL_SCALE: WorkspaceSize = {
  items: Number(process.env.BENCH_ITEMS ?? 10_000),
  pairs: Number(process.env.BENCH_PAIRS ?? 80_000),
  files: 20,
};

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

/** The files of a generated workspace; `rules` is the bundled rules folder (for facts and revisions). */
export function generateWorkspace(size: WorkspaceSize, rules: string): GeneratedFile[] {
  const rand = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const files: GeneratedFile[] = [
    { path: 'facts.yaml', text: readFileSync(join(rules, 'facts.yaml'), 'utf8') },
    { path: 'revisions.yaml', text: readFileSync(join(rules, 'revisions.yaml'), 'utf8') },
  ];
  const excludes: string[][] = Array.from({ length: size.items }, () => []);
  for (let p = 0; p < size.pairs; p++) {
    const a = Math.floor(rand() * size.items);
    let b = Math.floor(rand() * size.items);
    if (b === a) b = (b + 1) % size.items;
    excludes[a]!.push(`X${b}`);
  }
  const perFile = Math.ceil(size.items / size.files);
  const digits = String(size.files - 1).length;
  for (let f = 0; f < size.files; f++) {
    const lines = ['revision: R06', 'scheme: medical', 'items:'];
    for (let i = f * perFile; i < Math.min(size.items, (f + 1) * perFile); i++) {
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
    files.push({ path: join('R06', `gen-${String(f).padStart(digits, '0')}.tariff.yaml`), text: `${lines.join('\n')}\n` });
  }
  return files;
}

/** A small deterministic generator, so every run analyses the same workspace. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
