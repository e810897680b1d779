// `tariff report` through the CLI, then in a real browser: headless Debian chromium
// (installed by .ci/run) driven by playwright-core opens the page from disk, finds the
// exclusion matrix cell for B005-n3 → B005-n2, and saves a screenshot under test-output/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tariff } from './support/cli';
import { generatedWorkspace, tariffFile } from './support/generated-rules';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'test-output', 'report');
const CHROMIUM = '/usr/bin/chromium';
// Outside CI a developer may not have chromium; CI installs it, so there the test always runs.
const browser = existsSync(CHROMIUM) || process.env.CI === 'true';

async function writeReport(out: string, args: string[] = [], cwd = ROOT): Promise<string> {
  const run = await tariff(['report', '--out', out, ...args], { cwd });
  expect(run.status).toBe(0);
  return readFileSync(join(out, 'index.html'), 'utf8');
}

describe('tariff report', () => {
  it('writes one static page: rule tables per revision and scheme, matrices, the diffs of superseded revisions', async () => {
    const html = await writeReport(mkdtempSync(join(tmpdir(), 'tariff-report-')));
    for (const [revision, scheme] of [
      ['R06', 'medical'],
      ['R06', 'care'],
      ['R06', 'nursing'],
      ['R04', 'medical'],
      ['R03', 'care'],
    ]) {
      expect(html).toContain(`<table data-revision="${revision}" data-scheme="${scheme}">`);
    }
    expect(html).not.toContain('<table data-revision="R04" data-scheme="care">');
    expect(html).toContain('<tr class="variant"><td><code>A246-n7-1</code></td><td>入院時支援加算１</td><td class="amount">240点</td>');
    expect(html).toContain('<tr class="variant"><td><code>A246-n7-1</code></td><td>入院時支援加算１</td><td class="amount">230点</td>');
    expect(html).toContain('<h3>改定差分 R04 → R06（診療報酬）</h3>');
    expect(html).toContain('<h3>改定差分 R03 → R06（介護報酬）</h3>');
    // No script and nothing fetched: the page works from disk without a network.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('is the same page every time', async () => {
    const [a, b] = [
      await writeReport(mkdtempSync(join(tmpdir(), 'tariff-report-'))),
      await writeReport(mkdtempSync(join(tmpdir(), 'tariff-report-'))),
    ];
    expect(a).toBe(b);
  });

  it('escapes names from the rules', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tariff-report-'));
    writeFileSync(join(root, 'revisions.yaml'), 'revisions:\n  - { id: R06, name: 令和6年度, effective: { medical: 2024-06-01 } }\n');
    writeFileSync(join(root, 'facts.yaml'), 'facts:\n  - { name: patient.age, type: integer, label: 年齢 }\n');
    mkdirSync(join(root, 'R06'));
    writeFileSync(
      join(root, 'R06', 'a.tariff.yaml'),
      'revision: R06\nscheme: medical\nitems:\n  - { id: X, name: "<img src=x onerror=alert(1)>", points: 1, excludes: [Y] }\n  - { id: Y, name: "a & b", points: 2 }\n',
    );
    const html = await writeReport(join(root, 'out'), ['--rules', '.', '--lang', 'en'], root);
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td>a &amp; b</td>');
    expect(html).not.toContain('<img');
  });

  it('draws the matrix of 2,000 related items as a grid of lines: the page grows with the items, not their square', async () => {
    const lines = (i: number) =>
      `  - { id: X${i}, name: 項目${i}, claimant: hospital, points: ${100 + i}, source: { clause: 生成 }${i > 0 ? `, excludes: [X${i - 1}]` : ''} }`;
    const root = generatedWorkspace({ 'R06/medical/x.tariff.yaml': tariffFile(lines, 2_000) });
    const html = await writeReport(join(root, 'out'), ['--rules', '.'], root);
    const matrix = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(matrix.match(/<line /g)).toHaveLength(2 * 2_001);
    expect(matrix.match(/<g class="cell"/g)).toHaveLength(2 * 1_999);
    // About 2 MB: a rectangle per pair of items made it 300 MB.
    expect(html.length).toBeLessThan(5_000_000);
  }, 60_000);
});

describe.runIf(browser)('the report in a real browser (headless chromium)', () => {
  it('renders the exclusion matrix with the B005-n3 → B005-n2 override', async () => {
    // A page left by an older run without the report's header would be refused, as anyone's file is.
    rmSync(OUT, { recursive: true, force: true });
    await writeReport(OUT);
    const chrome = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    try {
      const page = await chrome.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(pathToFileURL(join(OUT, 'index.html')).href);
      const matrix = page.locator('svg[data-revision="R06"]');
      await expect(matrix.isVisible()).resolves.toBe(true);
      const cell = matrix.locator('g.cell[data-row="B005-n3"][data-column="B005-n2"]');
      await expect(cell.count()).resolves.toBe(1);
      await expect(cell.getAttribute('data-kind')).resolves.toBe('overrides');
      await expect(cell.locator('title').textContent()).resolves.toBe('B005-n3 は B005-n2 に優先（同一日（day））');
      // The cell is drawn: it has a size on screen and lies inside the matrix.
      const [box, frame] = [await cell.boundingBox(), await matrix.boundingBox()];
      expect(box!.width).toBeGreaterThan(10);
      expect(box!.x).toBeGreaterThanOrEqual(frame!.x);
      expect(box!.y + box!.height).toBeLessThanOrEqual(frame!.y + frame!.height);
      // The reverse direction is empty: B005-n2 does not override B005-n3.
      await expect(matrix.locator('g.cell[data-row="B005-n2"][data-column="B005-n3"]').count()).resolves.toBe(0);
      await cell.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, 'matrix.png') });
      expect(existsSync(join(OUT, 'matrix.png'))).toBe(true);
    } finally {
      await chrome.close();
    }
  }, 60_000);
});
