// source-text-unreadable: revisions.yaml declares an official text (`texts:`) that cannot be
// read, so the rules of that revision are not checked against the law; the user sees why at
// the path they wrote, instead of citation checks that fall silent.
import { findingAt } from '../report';
import { locAt } from '../../model/workspace';
import type { Check } from './check';

export const sourceTextUnreadable: Check = {
  code: 'source-text-unreadable',
  run(ws) {
    const law = ws.law;
    if (!law) return [];
    return ws.texts
      .filter((text) => law.text(text.location) === undefined)
      .map((text) =>
        findingAt('source-text-unreadable', locAt(text.loc, 'path'), 'value', { id: 'source-text-unreadable', args: { path: text.path } }),
      );
  },
};
