// Lenient reading of parsed YAML values: the model takes what has the right shape and
// leaves the rest to the schema check. Also the workspace's place type (`Loc`), a document
// and a JSON Pointer into it, which a span is resolved from when a finding is shown.
import { pointerSegment, type YamlDoc } from '../analysis/parse';

/** A place in the workspace: a document of a file and a JSON Pointer into it. */
export interface Loc {
  file: string;
  doc: YamlDoc;
  pointer: string;
}

export function locAt(loc: Loc, ...segments: (string | number)[]): Loc {
  let pointer = loc.pointer;
  for (const segment of segments) pointer += `/${pointerSegment(segment)}`;
  return { ...loc, pointer };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
