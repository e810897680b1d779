// The end-to-end test in a real VS Code (test/e2e/): run after the other tests, on its own, so
// code-server and Chromium do not compete with them; the first run installs code-server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 30 * 60_000,
    fileParallelism: false,
  },
});
