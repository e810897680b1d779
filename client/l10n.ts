// Client texts (notifications, status bar, Testing view) in the user's language: Japanese
// when the `tariff.locale` setting or, without it, VS Code's display language is Japanese.
// The texts live in l10n/bundle.l10n*.json, keyed by their English wording.
import * as l10n from '@vscode/l10n';
import ja from '../l10n/bundle.l10n.ja.json';

export function useLocale(locale: string): void {
  l10n.config({ contents: locale.toLowerCase().startsWith('ja') ? ja : {} });
}

export const t = l10n.t;
