// The diagnostics catalogue: every code with its severity (see the spec's diagnostics.md).
// Codes never change meaning; a new check gets a new code here.
import type { Severity } from './types';

export const SEVERITY = {
  'yaml-syntax': 'error',
  'nesting-too-deep': 'error',
  schema: 'error',
  'duplicate-id': 'error',
  'effective-overlap': 'error',
  'effective-gap': 'information',
  'duplicate-fact': 'error',
  'unknown-item': 'error',
  'unknown-fact': 'error',
  'fact-type': 'error',
  'amount-unit': 'error',
  'addition-cycle': 'error',
  'unknown-revision': 'error',
  'revision-name-clash': 'error',
  'source-text-unreadable': 'warning',
  'source-unknown-clause': 'error',
  'source-quote-mismatch': 'warning',
  'source-amount-mismatch': 'error',
  'clause-uncovered': 'warning',
  'exclusion-unencoded': 'warning',
  'constraints-unsatisfiable': 'error',
  unsatisfiable: 'error',
  'variant-overlap': 'error',
  'variant-gap': 'warning',
  'variant-unreachable': 'warning',
  'exclusion-conflict': 'error',
  'exclusion-self': 'error',
  'exclusion-overlap': 'hint',
  'exclusion-unneeded': 'hint',
  'limit-exceeds-parent': 'warning',
  'alias-collision': 'warning',
  'analysis-budget': 'information',
  'file-too-large': 'warning',
  'scenario-constraint': 'error',
  'scenario-failed': 'error',
} as const satisfies Record<string, Severity>;

export type Code = keyof typeof SEVERITY;
