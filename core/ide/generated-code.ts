// "Show generated code for this item": the TypeScript module the compiler writes for the
// revision of the item under the cursor, and the line of that item's decide function.
import { generateModule } from '../compiler/codegen';
import { ruleSetSpec } from '../analysis/rule-set-spec';
import type { Workspace } from '../model/workspace';
import { itemAt } from './symbols';

export interface GeneratedCode {
  revision: string;
  item: string;
  text: string;
  /** Zero-based line of `const D<n> = …`, the item's condition and variant pick. */
  line: number;
}

export function generatedCodeAt(ws: Workspace, file: string, offset: number): GeneratedCode | undefined {
  const item = itemAt(ws, file, offset);
  const revision = item?.tariff.revision;
  if (!item || revision === undefined) return undefined;
  const spec = ruleSetSpec(ws, revision);
  const text = generateModule(spec);
  // The compiler names each item's decide function after the item's place in the rule set.
  const index = spec.items.findIndex((i) => i.id === item.id);
  const line = Math.max(
    0,
    text.split('\n').findIndex((l) => l.startsWith(`const D${index} =`)),
  );
  return { revision, item: item.id, text, line };
}
