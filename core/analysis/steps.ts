// Long work as a series of steps: a generator that yields between bounded pieces of work (a
// check, an item of a diff, a scenario) and returns the result. The command line runs the
// steps at once; the language server runs them between messages, so that it keeps answering
// while they run and can drop them when they are no longer wanted.

/** Work that yields between its steps and returns `R`. */
export type Steps<R> = Generator<void, R, void>;

/** Runs every step and returns the result. */
export function runToEnd<R>(steps: Steps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
