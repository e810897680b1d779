// Decides which rule language a file speaks from its name alone, so that every client
// (VS Code, Neovim, the CLI) treats the same file the same way whatever languageId it sends.
import type { FileKind } from './types';

/** The kind of rule file a path names, or undefined when it is not a rule file. */
export function fileKindOf(path: string): FileKind | undefined {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? '';
  if (base.endsWith('.tariff.yaml') || base.endsWith('.tariff.yml')) return 'tariff';
  if (base.endsWith('.scenario.yaml') || base.endsWith('.scenario.yml')) return 'scenario';
  if (base.endsWith('.waivers.yaml') || base.endsWith('.waivers.yml')) return 'waivers';
  if (base === 'facts.yaml' || base === 'facts.yml') return 'facts';
  if (base === 'revisions.yaml' || base === 'revisions.yml') return 'revisions';
  return undefined;
}
