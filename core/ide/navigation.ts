// Go to definition, find references and rename for item ids, facts and revisions, across
// every file of the workspace. Positions are offsets; the server converts them.
import type { Span } from '../analysis/types';
import type { Workspace } from '../model/workspace';
import { clauseDefinitionAt } from './law-definition';
import { occurrencesOfSymbol, symbolAt, type SymbolRef } from './symbols';

export interface FileSpan {
  file: string;
  span: Span;
  /** For a place in an official text (not a rule file): its 0-based line, which the server reports instead of the span. */
  line?: number;
}

export function definitionAt(ws: Workspace, file: string, offset: number): FileSpan[] {
  const law = clauseDefinitionAt(ws, file, offset);
  if (law) return law;
  const found = symbolAt(ws, file, offset);
  if (!found) return [];
  return occurrencesOfSymbol(ws, found.symbol)
    .filter((o) => o.definition)
    .map((o) => ({ file: o.loc.file, span: o.span }));
}

export function referencesAt(ws: Workspace, file: string, offset: number, includeDeclaration: boolean): FileSpan[] {
  const found = symbolAt(ws, file, offset);
  if (!found) return [];
  return occurrencesOfSymbol(ws, found.symbol)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => ({ file: o.loc.file, span: o.span }));
}

/** What rename would change at an offset: the span of the name, or undefined if nothing renameable is there. */
export function prepareRenameAt(ws: Workspace, file: string, offset: number): { span: Span; symbol: SymbolRef } | undefined {
  const found = symbolAt(ws, file, offset);
  return found && { span: found.occurrence.span, symbol: found.symbol };
}

export type RenameResult = { edits: { file: string; span: Span; text: string }[] } | { error: 'invalid-name' | 'taken' | 'nothing' };

const NAME = { item: /^[A-Za-z0-9][A-Za-z0-9.-]*$/, fact: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, revision: /^[A-Za-z0-9._-]+$/ };

/** Every edit that renames the symbol at an offset, or why it cannot be renamed to `newName`. */
export function renameAt(ws: Workspace, file: string, offset: number, newName: string): RenameResult {
  const found = symbolAt(ws, file, offset);
  if (!found) return { error: 'nothing' };
  const { symbol } = found;
  if (!NAME[symbol.kind].test(newName)) return { error: 'invalid-name' };
  if (newName !== symbol.name && occurrencesOfSymbol(ws, { ...symbol, name: newName }).some((o) => o.definition)) return { error: 'taken' };
  return { edits: occurrencesOfSymbol(ws, symbol).map((o) => ({ file: o.loc.file, span: o.span, text: newName })) };
}
