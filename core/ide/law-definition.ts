// Go to definition on a `clause:` value (or an `also` entry) opens the official text at the
// passage it cites: in VS Code the text file opens at that line.
import { citationAt } from '../analysis/law/cited';
import type { Workspace } from '../model/workspace';
import type { FileSpan } from './navigation';

export function clauseDefinitionAt(ws: Workspace, file: string, offset: number): FileSpan[] | undefined {
  const found = citationAt(ws, file, offset);
  if (!found?.texts) return undefined;
  const resolution = found.texts.resolve(found.written.text);
  if (resolution.status !== 'resolved') return [];
  const location = found.texts.files[resolution.citation.kind]!.location;
  return resolution.passages.map((passage) => ({ file: location, span: { start: passage.start, end: passage.start }, line: passage.line }));
}
