// The extension's settings (`tariff.*`) as the language server receives them, at start-up and
// on every change (resolved: an empty locale is VS Code's display language).
import * as vscode from 'vscode';

export interface ServerSettings {
  locale: string;
  maxFileSize?: number;
  ruleRoots: string[];
}

export function serverSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration('tariff');
  const maxFileSize = config.get<number>('maxFileSize');
  return {
    // An empty override follows VS Code's display language.
    locale: config.get<string>('locale') || vscode.env.language,
    ...(maxFileSize ? { maxFileSize } : {}),
    ruleRoots: config.get<string[]>('ruleRoots') ?? [],
  };
}
