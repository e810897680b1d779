// Keeps diagnostics following the text without making anyone wait for them: the analysis of
// the current texts runs one step at a time (a file's schema findings, one check) and only
// while no message is waiting, so a hover or a completion typed during a burst of edits is
// answered at once; a newer edit or setting drops the run in progress and starts again from
// the new texts; a stage the run yields (the edited files' findings) and the finished run
// are each handed to `publish`.
import type { AnalysisResult } from '../core/analysis/analyze';
import type { Focus } from '../core/analysis/focus';

/** Part of a run's result, published before the run ends: the findings of the focused files. */
export interface RunStage {
  focus: Focus;
  result: AnalysisResult;
}

export interface RunnerOptions {
  /** What the analysis is of: a run started for another version is dropped. */
  version: () => string;
  /** A fresh run over the current texts. */
  start: () => Generator<RunStage | void, AnalysisResult, void>;
  /** How many messages the connection has handled so far; a change means it is busy. */
  handled: () => number;
  /** Publishes a run's result, or (with a focus) the findings of the focused files only. */
  publish: (result: AnalysisResult, focus?: Focus) => void;
  log: (message: string) => void;
}

export interface AnalysisRunner {
  /** Something changed: analyse the current texts when the server is idle. */
  schedule(): void;
}

export function analysisRunner(options: RunnerOptions): AnalysisRunner {
  let timer: NodeJS.Immediate | undefined;
  let run: { version: string; steps: Generator<RunStage | void, AnalysisResult, void> } | undefined;
  let published: string | undefined;
  let handled = -1;
  const schedule = () => {
    timer ??= setImmediate(tick);
  };
  function tick(): void {
    timer = undefined;
    // The connection handles one waiting message per turn of the event loop: while it
    // handled one since the last turn, more may be waiting, and they go first.
    const now = options.handled();
    if (now !== handled) {
      handled = now;
      schedule();
      return;
    }
    const version = options.version();
    if (version === published) return;
    if (run?.version !== version) run = { version, steps: options.start() };
    try {
      const step = run.steps.next();
      if (step.done) {
        run = undefined;
        published = version;
        options.publish(step.value);
        return;
      }
      if (step.value) options.publish(step.value.result, step.value.focus);
    } catch (error) {
      // The steps guard every check; this is a fault of the runner itself. Give up on this
      // version rather than retrying it forever; the next change starts afresh.
      options.log(`tariff: analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      run = undefined;
      published = version;
      return;
    }
    schedule();
  }
  return { schedule };
}
