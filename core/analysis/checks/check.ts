// The one signature every check has: the workspace model in, findings out — and, for a check
// whose findings can be fixed, the fixes of a finding, from the `data` the check gave it.
import type { Code } from '../codes';
import type { FixRequest, QuickFix } from '../fixes';
import type { Focus } from '../focus';
import type { Finding } from '../types';
import type { Workspace } from '../../model/workspace';

export interface Check {
  /** The code of the findings this check reports (one code per check). */
  code: Code;
  /**
   * The findings of the workspace. With a focus, only those in its files are wanted: the check
   * may skip work whose findings would fall elsewhere, and may still report them (they are
   * dropped), but must report every finding in a focused file that it reports without one.
   */
  run(ws: Workspace, focus?: Focus): Finding[];
  /** The quick fixes of one of its findings (absent: its findings have none). */
  fixes?: (request: FixRequest) => QuickFix[];
}
