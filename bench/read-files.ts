// Rule files read by one reader in a fresh process, so that nothing else is in its heap:
// `node read-files.js cold|warm READER FILE…`, READER being `tariff` (the road `tariff` takes,
// a tariff file item by item), `whole` (the plain reader on the whole text) or `js-yaml`.
// Cold prints the milliseconds of reading the first file once; warm, the MB/s of reading all
// of them three times over after five rounds of warming up. Run by `bench/analysis.ts`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load } from 'js-yaml';
import { parseFile } from '../core/analysis/parse';
import { readPlain } from '../core/analysis/plain-reader';
import { usePlainEnvironment } from '../core/plain-environment';

usePlainEnvironment();
const [mode, reader, ...files] = process.argv.slice(2);
const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const read = (s: { file: string; text: string }): unknown =>
  reader === 'js-yaml' ? load(s.text) : reader === 'whole' ? readPlain(s.text) : parseFile(s.file, s.text);
if (mode === 'cold') {
  const start = performance.now();
  read(texts[0]!);
  console.log(performance.now() - start);
} else {
  // Five rounds to warm up (the compiler has then optimised the reader), then three timed.
  for (let round = 0; round < 5; round++) for (const s of texts) read(s);
  const start = performance.now();
  for (let round = 0; round < 3; round++) for (const s of texts) read(s);
  const mb = (3 * texts.reduce((n, s) => n + Buffer.byteLength(s.text), 0)) / 1024 / 1024;
  console.log(mb / ((performance.now() - start) / 1000));
}
