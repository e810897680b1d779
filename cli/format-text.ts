// `tariff check` text output, like a compiler: `file:line:col severity code message`, then
// the source line with carets under the range (wide Japanese characters count as two
// columns), then related places. Control characters in the source line and the messages show
// as escapes (a tab as a space), so a rule file cannot act on the terminal.
import { visibleLines, visibleText } from '../core/analysis/display-text';
import type { LocatedFinding } from './located';

export function formatText(findings: readonly LocatedFinding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    out.push(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
    const lineNo = String(f.range.start.line + 1);
    const gutter = ' '.repeat(lineNo.length);
    const endChar = f.range.end.line === f.range.start.line ? f.range.end.character : f.sourceLine.length;
    // The carets are measured on the line as shown.
    const shown = (text: string) => visibleText(text.replace(/\t/g, ' '));
    const before = shown(f.sourceLine.slice(0, f.range.start.character));
    const marked = shown(f.sourceLine.slice(f.range.start.character, Math.max(endChar, f.range.start.character)));
    out.push(` ${lineNo} | ${shown(f.sourceLine)}`);
    out.push(` ${gutter} | ${' '.repeat(displayWidth(before))}${'^'.repeat(Math.max(1, displayWidth(marked)))}`);
    for (const r of f.related ?? [])
      out.push(` ${gutter} = ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`);
  }
  return visibleLines(out);
}

/** Terminal columns a string takes: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += isWide(cp) ? 2 : cp < 0x20 || (cp >= 0x300 && cp < 0x370) ? 0 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
