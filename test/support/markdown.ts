// Renders Markdown as HTML the way GitHub-flavoured renderers do (tables, strikethrough, bare
// links, raw HTML allowed), with markdown-it (a development dependency, a CommonMark renderer
// with a GitHub-flavoured mode), to see what a hover or a memo would become on screen.
type MarkdownIt = { render(src: string): string; linkify: { set(options: Record<string, boolean>): unknown } };
type MarkdownItFactory = (preset: 'default' | 'commonmark', options?: Record<string, boolean>) => MarkdownIt;

// The package has no type declarations: it is loaded untyped and given the little it is used for.
const markdownIt = require('markdown-it') as MarkdownItFactory;

/** GitHub-flavoured: raw HTML passes, bare `https://` links are linked (bare domains are not, as on GitHub). */
const gfm = markdownIt('default', { html: true, linkify: true });
gfm.linkify.set({ fuzzyLink: false });

/** Strict CommonMark, raw HTML allowed. */
const commonmark = markdownIt('commonmark', { html: true });

export function renderMarkdown(src: string, flavour: 'gfm' | 'commonmark' = 'gfm'): string {
  return (flavour === 'gfm' ? gfm : commonmark).render(src);
}
