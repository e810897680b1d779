// Bundles the three entry points with esbuild: the VS Code client, the language server
// (run with --stdio) and the `tariff` CLI. One bundle each, so the .vsix needs no node_modules.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // JSON Schemas and message bundles are imported as data so the bundles are self-contained.
  loader: { '.json': 'json' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' }),
  // The CLI loads TypeScript from node_modules when it writes a package (tariff compile --package) or compiles rules for serve and batch runs.
  build({
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    external: ['typescript'],
  }),
]);
chmodSync('dist/cli.js', 0o755);

// Benchmarks are bundled only on request (npm run bench:*).
if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/analysis.ts'], outfile: 'dist/bench/analysis.js' });
  await build({ ...common, entryPoints: ['bench/read-files.ts'], outfile: 'dist/bench/read-files.js' });
  await build({ ...common, entryPoints: ['bench/core.ts'], outfile: 'dist/bench/core.js', external: ['esbuild', 'json-rules-engine'] });
  await build({ ...common, entryPoints: ['bench/serve.ts'], outfile: 'dist/bench/serve.js' });
  await build({ ...common, entryPoints: ['bench/batch.ts'], outfile: 'dist/bench/batch.js' });
  await build({ ...common, entryPoints: ['bench/lsp.ts'], outfile: 'dist/bench/lsp.js' });
  await build({ ...common, entryPoints: ['bench/reliability.ts'], outfile: 'dist/bench/reliability.js' });
}
