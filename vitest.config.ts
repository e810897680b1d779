// Test runner settings: every test file under test/, run in parallel worker threads; the
// end-to-end test in VS Code runs on its own afterwards (vitest.e2e.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
