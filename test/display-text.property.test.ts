// The two ways rule text is shown, held to what they promise on random strings: in text
// output no control or bidirectional-control character survives and nothing else changes;
// in Markdown, wherever the text stands (a paragraph, a list item, a heading, a quote, bold,
// a code span), a CommonMark renderer and a GitHub-flavoured one show exactly the text as
// text output shows it — no link, HTML, heading, list, code or emphasis of its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownText, visibleText } from '../core/analysis/display-text';
import { renderMarkdown as renderMessageMarkdown } from '../core/analysis/messages';
import { renderMarkdown } from './support/markdown';

const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** Characters that mean something to Markdown, terminals or bidirectional text, and a few ordinary ones. */
const TRICKY = [
  ...'\\`*_[]()<>&#|~$:@!-+=.)/ "\'{}^%;,?0123456789awW',
  'www.',
  'http',
  '://',
  '```',
  '---',
  '***',
  '1.',
  '&amp;',
  '&#32;',
  '<img src=x onerror=alert(1)>',
  '[x](command:a)',
  '$(zap)',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u202e',
  '\u2066',
  '\u061c',
  '注',
];
const text = fc.oneof(fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));

/** What a renderer writes for the text: HTML-escaped as markdown-it does. */
function html(shown: string): string {
  return shown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PLACES: [string, (md: string) => string, (text: string) => string][] = [
  ['a paragraph', (md) => md, (t) => `<p>${t}</p>\n`],
  ['between words', (md) => `a ${md} b`, (t) => `<p>a ${t} b</p>\n`],
  ['a list item', (md) => `- ${md}`, (t) => `<ul>\n<li>${t}</li>\n</ul>\n`],
  ['a heading', (md) => `## ${md}`, (t) => `<h2>${t}</h2>\n`],
  ['a quote', (md) => `> ${md}`, (t) => `<blockquote>\n<p>${t}</p>\n</blockquote>\n`],
  ['bold', (md) => `**${md}**`, (t) => `<p><strong>${t}</strong></p>\n`],
];

describe('rule text shown in text output and Markdown', () => {
  it('text output: no control survives, each shown as its code, and text without controls is unchanged', () => {
    fc.assert(
      fc.property(text, (s) => {
        const shown = visibleText(s);
        expect(shown).not.toMatch(RAW_CONTROL);
        // Each escape reads back as the character it stands for.
        expect(shown.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))).toBe(
          s.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        );
        if (!RAW_CONTROL.test(s)) expect(shown).toBe(s);
        expect(visibleText(shown)).toBe(shown);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  for (const flavour of ['commonmark', 'gfm'] as const) {
    it(`Markdown (${flavour}): the text shows literally wherever it stands`, () => {
      fc.assert(
        fc.property(text, fc.constantFrom(...PLACES), (s, [, place, expected]) => {
          const shown = visibleText(s);
          // Empty or blank text cannot make a paragraph or bold of its own; it is simply absent.
          fc.pre(shown.trim() !== '');
          expect(renderMarkdown(place(markdownText(s)), flavour)).toBe(expected(html(shown)));
        }),
        { numRuns: 6000, seed: 17 },
      );
    });

    it(`Markdown code spans (${flavour}): the text shows literally in code font`, () => {
      fc.assert(
        fc.property(text, (s) => {
          const shown = visibleText(s);
          fc.pre(shown !== '');
          expect(renderMarkdown(`a ${markdownCode(s)} b`, flavour)).toBe(`<p>a <code>${html(shown)}</code> b</p>\n`);
        }),
        { numRuns: 3000, seed: 19 },
      );
    });
  }

  it('a message as Markdown keeps its own code spans and shows its arguments literally, in a code span or not', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [shownA, shownB] = [visibleText(a), visibleText(b)];
        fc.pre(shownA !== '' && shownB !== '');
        // "`{a}` and `{b}` can never both apply." and "in effect: {from} – {to}"
        expect(renderMarkdown(renderMessageMarkdown({ id: 'hover.relation.never', args: { a, b } }, 'en'))).toBe(
          `<p><code>${html(shownA)}</code> and <code>${html(shownB)}</code> can never both apply.</p>\n`,
        );
        expect(renderMarkdown(renderMessageMarkdown({ id: 'hover.effective', args: { from: a, to: b } }, 'en'))).toBe(
          `<p>in effect: ${html(shownA)} – ${html(shownB)}</p>\n`,
        );
      }),
      { numRuns: 2000, seed: 23 },
    );
  });

  it('Markdown: the payloads of the probe become text', () => {
    const payloads = [
      '[x](command:workbench.action.quit)',
      '<img src=x onerror=alert(1)>',
      '# heading',
      '`code`',
      '*em* _em_',
      '- list',
      '1. list',
      'https://evil.example',
      'www.evil.example',
      'a@evil.example',
      '    code',
    ];
    for (const payload of payloads) expect(renderMarkdown(markdownText(payload)), payload).toBe(`<p>${html(payload)}</p>\n`);
    // Bare `www.` links of GitHub-flavoured renderers (not all of which markdown-it follows) are broken up too.
    expect(markdownText('www.evil.example')).toBe('www\\.evil.example');
  });
});
