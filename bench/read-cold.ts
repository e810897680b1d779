// One rule file read once in a fresh process, by our plain reader (the road `tariff` takes for
// a tariff file, item by item) or by js-yaml: the time of the read alone, modules loaded
// before. Run by `bench/analysis.ts` for the reader's cold figure: `node read-cold.js READER FILE`.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load } from 'js-yaml';
import { parseFile } from '../core/analysis/parse';
import { usePlainEnvironment } from '../core/plain-environment';

usePlainEnvironment();
const [reader, file] = process.argv.slice(2);
const text = readFileSync(file!, 'utf8');
const start = performance.now();
if (reader === 'js-yaml') load(text);
else parseFile(file!, text);
console.log(performance.now() - start);
