// The one signature every check has: the workspace model in, findings out.
import type { Code } from '../codes';
import type { Finding } from '../types';
import type { Workspace } from '../workspace';

export interface Check {
  /** The code of the findings this check reports (one code per check). */
  code: Code;
  run(ws: Workspace): Finding[];
}
