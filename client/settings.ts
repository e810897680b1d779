// The extension's settings (`tariff.*`) as the language server receives them at start-up.
import * as vscode from 'vscode';

export interface ServerSettings {
  locale: string;
  maxFileSize?: number;
  ruleRoots: string[];
}

/** The settings whose change needs a new server (they decide its language and its files). */
export const RESTART_SETTINGS = ['tariff.locale', 'tariff.ruleRoots'];

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
