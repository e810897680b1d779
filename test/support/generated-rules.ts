// Rule files written by program for tests and benchmarks that need many items: a tariff
// document of R06 medical items, one flow mapping per item, and a workspace folder with the
// bundled facts and revisions around such files.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RULES = join(__dirname, '..', '..', 'rules');

/** Item lines by number: each a flow mapping in the items list. */
export const ITEM_LINES = {
  /** Every item has the same name (alias-collision at each). */
  sameName: (i: number) => `  - { id: N${i}, name: 同名の項目, claimant: hospital, points: 100, source: { clause: 生成 } }`,
  /** Every item is the same item (duplicate-id at each). */
  sameId: (_i: number) => '  - { id: DUP, name: 重複, claimant: hospital, points: 100, source: { clause: 生成 } }',
  /** Distinct items without findings. */
  distinct: (i: number) =>
    `  - { id: G${i}, name: 項目${i}, claimant: hospital, points: ${100 + (i % 900)}, source: { clause: 生成 ${i} } }`,
};

/** A tariff file of `count` items numbered from `from`. */
export function tariffFile(line: (i: number) => string, count: number, from = 0): string {
  const lines = ['revision: R06', 'scheme: medical', 'source: { doc: 医科診療報酬点数表 }', 'items:'];
  for (let i = from; i < from + count; i++) lines.push(line(i));
  return `${lines.join('\n')}\n`;
}

/** The bundled revisions.yaml with its `texts:` left out (with the comment lines just above them). */
export function revisionsWithoutTexts(): string {
  return readFileSync(join(RULES, 'revisions.yaml'), 'utf8').replace(/^(?: {4}#.*\n)* {4}texts:\n(?: {6,}.*\n)*/gm, '');
}

/**
 * A workspace in a new temporary folder (or `root`) with the bundled facts and revisions and
 * these files. The revisions declare no official texts: generated rules cite none.
 */
export function generatedWorkspace(files: Record<string, string>, root = mkdtempSync(join(tmpdir(), 'tariff-generated-'))): string {
  mkdirSync(root, { recursive: true });
  cpSync(join(RULES, 'facts.yaml'), join(root, 'facts.yaml'));
  writeFileSync(join(root, 'revisions.yaml'), revisionsWithoutTexts());
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
