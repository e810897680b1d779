// Benchmark: the full analysis (parse, schema, every check including the condition
// analyses) of a generated workspace the size of the MHLW 電子点数表's 背反 tables —
// 10,000 items with 80,000 exclusion pairs — using the bundled R06 facts vocabulary, in the
// environment `tariff check` runs in. Prints the time per phase and per check, and last the
// whole against its peer measured in the same run: the yaml library parsing the same files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { CHECKS } from '../core/analysis/checks/index';
import { parseFile } from '../core/analysis/parse';
import { validateFile } from '../core/analysis/schema';
import { buildWorkspace } from '../core/model/workspace';
import { FULL_SCALE, generateWorkspace } from './generated-workspace';
import { usePlainEnvironment } from '../core/plain-environment';

usePlainEnvironment();

/** Times a phase, after a full collection so that no phase pays for the garbage of the one before (`--expose-gc`). */
function time<T>(run: () => T): [T, number] {
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

const root = process.cwd();
const sources = generateWorkspace(FULL_SCALE, join(root, 'rules')).map((f) => ({
  file: join(root, 'dist', 'bench', 'ws', f.path),
  text: f.text,
}));
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
  `workspace: ${ws.items.filter((i) => !i.owner).length} items (${ws.items.length} with variants), ${FULL_SCALE.pairs} exclusion pairs, ${(bytes / 1024 / 1024).toFixed(1)} MB of YAML`,
);
console.log(
  `parse (yaml + spans): ${(parseMs / 1000).toFixed(2)} s — yaml.parseAllDocuments alone: ${(yamlMs / 1000).toFixed(2)} s (ratio ${(parseMs / yamlMs).toFixed(2)}×)`,
);
console.log(`schema ${schemaMs.toFixed(0)} ms · model ${modelMs.toFixed(0)} ms · checks ${checksMs.toFixed(0)} ms`);
for (const [code, ms, count] of rows.sort((a, b) => b[1] - a[1]).slice(0, 8))
  console.log(`  ${code.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${count} findings`);
console.log(`full analysis of the parsed workspace: ${(analysis / 1000).toFixed(2)} s`);
console.log(`end to end with parsing: ${((parseMs + analysis) / 1000).toFixed(2)} s`);
reader();
// The last line, for scripts: the whole check against its peer, the yaml library's parse alone (goal ≤ 0.25×).
console.log(`analysis end-to-end / yaml.parseAllDocuments: ${((parseMs + analysis) / yamlMs).toFixed(2)}×`);

/**
 * The reader on its own, in fresh processes (`read-files.ts`), against js-yaml on the same
 * files: warm, reading the tariff files again and again (item by item as `tariff` does, and
 * whole); cold, the first file read once. Each the median of three runs.
 */
function reader(): void {
  const tariffs = sources.filter((s) => s.file.endsWith('.tariff.yaml'));
  for (const s of tariffs) {
    mkdirSync(dirname(s.file), { recursive: true });
    writeFileSync(s.file, s.text);
  }
  const run = (mode: 'cold' | 'warm', name: string, files: readonly string[]) => {
    const runs = Array.from({ length: 3 }, () =>
      Number(spawnSync(process.execPath, [join(__dirname, 'read-files.js'), mode, name, ...files], { encoding: 'utf8' }).stdout),
    );
    return runs.sort((a, b) => a - b)[1]!;
  };
  const all = tariffs.map((s) => s.file);
  console.log(
    `reader, warm: ${run('warm', 'tariff', all).toFixed(1)} MB/s item by item, ${run('warm', 'whole', all).toFixed(1)} MB/s whole files; js-yaml ${run('warm', 'js-yaml', all).toFixed(1)} MB/s (data only, no spans)`,
  );
  const first = tariffs[0]!;
  const ours = run('cold', 'tariff', [first.file]);
  const theirs = run('cold', 'js-yaml', [first.file]);
  console.log(
    `reader, cold first file (${Math.round(Buffer.byteLength(first.text) / 1024)} KB): ${ours.toFixed(1)} ms; js-yaml ${theirs.toFixed(1)} ms (ratio ${(ours / theirs).toFixed(2)}×)`,
  );
}
