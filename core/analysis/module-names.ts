// What the compiler calls a revision's generated module — its file name and the name the index
// module imports it by — and which file names it cannot use. The compiler writes by these names
// and the revision-name-clash check reports ids that would share one, so both read them here.

/**
 * What a revision's compiled module is called: its file name (without `.ts`; lower case,
 * safe characters only) and the identifier the index module imports it as. The compiler and
 * the `revision-name-clash` check both call this, so what the check reports as one name is
 * exactly what the compiler would merge.
 */
export interface ModuleNames {
  file: string;
  alias: string;
}

export function moduleNames(revision: string): ModuleNames {
  const file = revision.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  // The prefix keeps the alias an identifier and never a reserved word (ids may start with a digit or be `new`).
  return { file, alias: `rev_${file.replace(/-/g, '_')}` };
}

/** The file name of the index module (without `.ts`). */
export const INDEX_MODULE = 'index';

/**
 * Why a module file name cannot be used, or undefined when it can: `index` is the index
 * module's own file, and Windows cannot create a file with a device name (`con.ts`, `lpt1.ts`)
 * whatever its extension.
 */
export function reservedModule(file: string): 'index' | 'device' | undefined {
  if (file === INDEX_MODULE) return 'index';
  return /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/.test(file) ? 'device' : undefined;
}
