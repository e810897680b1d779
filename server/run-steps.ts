// Long requests (a revision diff, a run of scenarios) run their steps in slices of about
// 20 ms with the messages that arrived in between handled after each slice, and stop as soon
// as the client cancels them.
import type { CancellationToken } from 'vscode-languageserver/node';
import type { Steps } from '../core/analysis/steps';
import { cancelled } from './guard';

const SLICE_MS = 20;

export async function runSteps<R>(steps: Steps<R>, token: CancellationToken | undefined): Promise<R> {
  for (;;) {
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
    await new Promise((done) => setImmediate(done));
    if (token?.isCancellationRequested) {
      steps.return(undefined as R);
      throw cancelled();
    }
  }
}
