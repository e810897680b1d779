// The analysis runs in named phases, and whatever is worked out from a phase is kept on it,
// so it lives exactly as long as the phase's object:
// - parsed: a file's `ParsedFile`, each parsed value (kept while its text is unchanged:
//   the chunk cache hands an unchanged item's values to the next parse), and the definitions
//   read from a file (an item, a scenario: shared by the models of successive edits, so what
//   depends on the rest of the workspace is kept on the workspace, keyed by definition);
// - modelled: the `Workspace` built from the parsed files (anew on every change);
// - reasoned: the `LogicContext` of a workspace (vocabulary, formulas, settled relations);
// - law: an official text read and indexed (kept while its file is unchanged).
// Every such cache is made by `onPhase`, which names its phase and what it keeps (a test holds
// the core to it: no other module-level cache keyed by an object).

export type Phase = 'parsed' | 'modelled' | 'reasoned' | 'law';

/** What a cache keeps and on which phase; `keeps` also names the function in stack traces and CPU profiles. */
export interface PhaseCache {
  phase: Phase;
  keeps: string;
}

/**
 * A function computed once per object of a phase (e.g. once per workspace) and kept on it:
 * the value goes when the phase's object is no longer referenced.
 */
export function onPhase<K extends object, V>(cache: PhaseCache, compute: (key: K) => V): PhaseFunction<K, V> {
  const values = new WeakMap<K, V>();
  const kept = (key: K): V => {
    if (values.has(key)) return values.get(key)!;
    const value = compute(key);
    values.set(key, value);
    return value;
  };
  Object.defineProperty(kept, 'name', { value: `${cache.keeps} (${cache.phase})` });
  const take = (key: K): V | undefined => {
    const value = values.get(key);
    values.delete(key);
    return value;
  };
  return Object.assign(kept, { has: (key: K) => values.has(key), take });
}

/**
 * A function kept on a phase; `has` says whether its value for an object is already kept;
 * `take` hands the value over (to the next object of the phase) and forgets it.
 */
export type PhaseFunction<K extends object, V> = ((key: K) => V) & { has(key: K): boolean; take(key: K): V | undefined };
