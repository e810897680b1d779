// Driving the VS Code workbench in headless Chromium with playwright-core: the command
// palette, Quick Open, the Problems panel (through the status bar's problems item) and
// named steps that save a screenshot when they fail.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly artefacts: string,
  ) {}

  /** Runs one step of the scenario; when it fails, the page as it was is saved as `<name>.png`. */
  async step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      mkdirSync(this.artefacts, { recursive: true });
      await this.page.screenshot({ path: join(this.artefacts, `${name}.png`), fullPage: true }).catch(() => undefined);
      throw new Error(
        `step "${name}" failed (screenshot: ${join(this.artefacts, `${name}.png`)}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Keeps a picture of the workbench as it is now (test-output/e2e/view-<name>.png), to show a view. */
  async picture(name: string): Promise<void> {
    mkdirSync(this.artefacts, { recursive: true });
    await this.page.screenshot({ path: join(this.artefacts, `view-${name}.png`) });
  }

  /** Runs a command by its palette title. */
  async command(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    // A command that depends on the active editor is listed once the editor's context has
    // settled: the palette is opened again when it is missing.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      await input.fill(`>${title}`);
      if (attempt === 3) await row.waitFor({ timeout: 10_000 });
      else if (
        !(await row.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        await this.page.keyboard.press('Escape');
        continue;
      }
      await this.page.keyboard.press('Enter');
      return;
    }
  }

  /** Opens a workspace file alone (other editors closed) through Quick Open (Ctrl+P), by its path in the workspace. */
  async open(path: string): Promise<void> {
    const fileName = path.slice(path.lastIndexOf('/') + 1);
    await this.command('View: Close All Editor Groups');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(path);
    // Files of the same name in other folders are listed too: the row wanted names the folder.
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName })
      .filter({ hasText: path.slice(0, path.lastIndexOf('/')) })
      .waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: fileName }).waitFor();
  }

  /** Moves the cursor of the active editor to a line (1-based) through "Go to Line". */
  async goToLine(line: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
  }

  /** Runs the test whose label contains `label` from the Testing view (already shown) and waits for its outcome. */
  async runTest(label: string, outcome: 'passed' | 'failed'): Promise<void> {
    const row = await this.testRow(label);
    await row.hover();
    await row.locator('[class*="codicon-testing-run-icon"]').first().click();
    await this.showTest(label, outcome);
  }

  /** Waits until the Testing view shows the outcome of the test whose label contains `label`. */
  async showTest(label: string, outcome: 'passed' | 'failed'): Promise<void> {
    await (await this.testRow(label)).locator(`.codicon-testing-${outcome}-icon`).waitFor({ timeout: 60_000 });
  }

  /**
   * The Testing view's row of the test whose label contains `label`: the view is filtered to
   * it and the groups that hold it (revision → scheme → item) are opened, one at a time.
   */
  private async testRow(label: string) {
    const row = this.page.locator('.part.sidebar .monaco-list-row', { hasText: label }).first();
    for (let opened = 0; !(await row.isVisible()) && opened < 10; opened++) {
      const collapsed = this.page.locator('.part.sidebar .monaco-list-row .monaco-tl-twistie.collapsible.collapsed').first();
      if (!(await collapsed.isVisible())) await this.page.waitForTimeout(500);
      else await collapsed.click();
    }
    return row;
  }

  /** Whether the Testing view lists a test whose label contains `label` (opening its groups). */
  async testListed(label: string): Promise<boolean> {
    return (await this.testRow(label)).isVisible();
  }

  /** Filters the Testing view (already shown) by a text. */
  async filterTests(text: string): Promise<void> {
    await this.page.locator('.part.sidebar .suggest-input-container').first().click();
    await this.page.keyboard.type(text);
  }

  /** The error counts of the extension's status bar item and of VS Code's own problems item. */
  async errorCounts(): Promise<{ ours: number; vscode: number }> {
    const ours =
      (await this.page
        .locator('[id$="tariff.problems"] [aria-label], [id$="tariff.problems"][aria-label]')
        .first()
        .getAttribute('aria-label')) ?? '';
    const vscode = (await this.page.locator('[id="status.problems"]').textContent()) ?? '';
    return { ours: Number(/(\d+) errors/.exec(ours)?.[1] ?? NaN), vscode: Number(/\d+/.exec(vscode)?.[0] ?? NaN) };
  }

  /** Shows the hover at the end of a line of the active editor (1-based) and answers its text. */
  async hoverAtEndOf(line: number, expected: string): Promise<string> {
    await this.goToLine(line);
    await this.page.keyboard.press('End');
    const widget = this.page.locator('.monaco-hover', { hasText: expected }).first();
    // A hover asked for while the server is still busy with the last edit can come up empty; it is asked again.
    for (let attempt = 1; ; attempt++) {
      await this.command('Show or Focus Hover');
      try {
        // Rendered is enough: the hover may fade out again before it is looked at.
        await widget.waitFor({ state: 'attached', timeout: 10_000 });
        return (await widget.textContent()) ?? '';
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /**
   * Opens the Problems panel from the status bar and waits until its text matches; `filter`
   * is typed into the panel's filter first (the panel only renders the rows in view).
   */
  async problemsShow(pattern: RegExp, options: { filter?: string; timeout?: number } = {}): Promise<string> {
    const timeout = options.timeout ?? 60_000;
    const panel = this.page.locator('.markers-panel');
    // The item toggles the panel: it is clicked only when the panel has not come up by itself (a reload restores it).
    if (
      !(await panel.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      await this.page.locator('[id="status.problems"]').click();
    await panel.waitFor();
    if (options.filter !== undefined)
      await this.page
        .getByPlaceholder(/\*\*\/\*\.ts/)
        .first()
        .fill(options.filter);
    await this.page.locator('.markers-panel', { hasText: pattern }).waitFor({ timeout });
    return (await panel.textContent()) ?? '';
  }
}
