// `tariff serve` as a client uses it: the real command is started on a free port of 127.0.0.1
// and sent HTTP requests. Its OpenAPI document must pass a real OpenAPI 3.1 validator, every
// answer must fit the schema the document gives for it, and every answer must be what
// `evaluate` gives in-process for the same episode.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type Input } from '../core/index';
import { bundledScenarioInputs } from './support/bundled-inputs';

const ROOT = join(__dirname, '..');
const MAX_BODY = 200_000;
const MAX_BATCH = 50;

let server: ChildProcess;
let url: string;
let stderr = '';
let cwd: string;
let document: Record<string, unknown>;
let ajv: Ajv2020;

const inputs = bundledScenarioInputs();

async function call(path: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), headers: response.headers };
}

/** Sends a request as raw bytes (what fetch would not send) and resolves to the whole answer. */
function rawRequest(text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(text));
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Whether a value fits a schema of the served document; the errors when it does not. */
function fits(schema: string, value: unknown): string {
  const validate = ajv.getSchema(`openapi.json#/components/schemas/${schema}`)!;
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'tariff-serve-'));
  server = spawn(
    process.execPath,
    [
      join(ROOT, 'dist', 'cli.js'),
      'serve',
      '--rules',
      join(ROOT, 'rules'),
      '--port',
      '0',
      '--max-body',
      String(MAX_BODY),
      '--max-batch',
      String(MAX_BATCH),
      '--lang',
      'en',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stderr!.on('data', (chunk) => (stderr += chunk));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /http:\/\/[^\s)]+/.exec(out);
      if (found) resolve(found[0]);
    });
    server.once('exit', () => reject(new Error(`tariff serve exited: ${stderr}`)));
  });
  document = (await call('/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
}, 60_000);

afterAll(async () => {
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr).toMatch(/tariff serve: stopped/);
  // The service never writes a file, in its working folder or anywhere it was pointed at.
  expect(readdirSync(cwd)).toEqual([]);
  rmSync(cwd, { recursive: true, force: true });
});

describe('tariff serve', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('says so when its port is taken, and refuses a port that cannot be one', () => {
    const port = new URL(url).port;
    const taken = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'serve', '--port', port, '--lang', 'en'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(taken.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    expect(taken.status).toBe(1);
    const wrong = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'serve', '--port', '70000', '--lang', 'en'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(wrong.stderr).toMatch(/`70000` is not a valid value for --port/);
    expect(wrong.status).toBe(2);
  }, 60_000);

  it('publishes an OpenAPI 3.1 document that a real validator accepts', async () => {
    const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('answers every bundled scenario as evaluate does, and each input and answer fits the document', async () => {
    for (const input of inputs) {
      const expected = evaluate(input);
      const { status, body } = await call('/evaluate', { body: JSON.stringify(input) });
      expect(body).toEqual(expected);
      expect(status).toBe('errors' in expected ? 400 : 200);
      expect(fits('Input', input)).toBe('');
      expect(fits('errors' in expected ? 'InputErrors' : 'Result', body)).toBe('');
    }
  });

  it('says what would make refused items claimable with ?explain=true', async () => {
    const input = inputs.find((i) => {
      const outcome = evaluate(i);
      return !('errors' in outcome) && outcome.rejected.length > 0;
    })!;
    const { body } = await call('/evaluate?explain=true', { body: JSON.stringify(input) });
    expect(body).toEqual(evaluate(input, { explain: true }));
    expect(body.whyNot.length).toBe(body.rejected.length);
  });

  it('evaluates a batch in order, each episode on its own', async () => {
    const episodes = [...inputs.slice(0, MAX_BATCH - 1), { revision: 'R06', date: '2024-07-10', facts: { 'no.such-fact': true } }];
    const { status, body } = await call('/evaluate/batch', { body: JSON.stringify({ episodes }) });
    expect(status).toBe(200);
    expect(body.results).toEqual(episodes.map((e) => evaluate(e as Input)));
    expect(body.results.at(-1).errors[0]).toMatchObject({ code: 'unknown-fact', path: 'facts.no.such-fact' });
    const schema = { $ref: 'openapi.json#/paths/~1evaluate~1batch/post/responses/200/content/application~1json/schema' };
    expect(ajv.validate(schema, body) ? '' : ajv.errorsText(ajv.errors)).toBe('');
  });

  it('lists the revisions it serves', async () => {
    const { status, body } = await call('/revisions');
    expect(status).toBe(200);
    expect(body.revisions.map((r: { id: string }) => r.id)).toEqual(['R03', 'R04', 'R06']);
    const r06 = body.revisions.find((r: { id: string }) => r.id === 'R06');
    expect(r06.items.find((i: { id: string }) => i.id === 'B005')).toMatchObject({
      name: '退院時共同指導料２',
      unit: 'points',
      amount: 400,
    });
    expect(r06.facts.find((f: { name: string }) => f.name === 'ward.type')).toMatchObject({ type: 'enum' });
    expect(fits('Revisions', body)).toBe('');
    expect((await call('/health')).body).toEqual({ status: 'ok', revisions: ['R03', 'R04', 'R06'] });
  });

  it('refuses what it cannot take with a status and errors in evaluate’s shape', async () => {
    const cases: [string, { method?: string; body?: string }, number, string, string][] = [
      ['/evaluate', { body: '{"revision": "R06",' }, 400, 'bad-input', 'the body is not JSON'],
      [
        '/evaluate',
        { body: JSON.stringify({ revision: 'R06', date: '2024-07-10', facts: { 'ward.type': 'icu' } }) },
        400,
        'fact-type',
        'ward.type',
      ],
      ['/evaluate', { body: JSON.stringify({ revision: 'R99', date: '2024-07-10' }) }, 400, 'unknown-revision', 'R99'],
      ['/evaluate', { body: 'null' }, 400, 'bad-input', 'must be an object'],
      ['/evaluate/batch?explain=true', { body: JSON.stringify({ episodes: inputs.slice(0, 11) }) }, 413, 'too-large', 'at most 10'],
      ['/evaluate', { body: JSON.stringify({ pad: 'x'.repeat(MAX_BODY) }) }, 413, 'too-large', `${MAX_BODY} bytes`],
      ['/evaluate/batch', { body: '[]' }, 400, 'bad-input', '"episodes"'],
      ['/evaluate/batch', { body: JSON.stringify({ episodes: inputs.slice(0, MAX_BATCH + 1) }) }, 413, 'too-large', `at most ${MAX_BATCH}`],
      ['/nowhere', {}, 404, 'not-found', '/openapi.json'],
      ['/health', { method: 'DELETE' }, 405, 'method-not-allowed', 'GET'],
    ];
    for (const [path, init, status, code, message] of cases) {
      const answer = await call(path, init);
      expect([path, answer.status]).toEqual([path, status]);
      expect(answer.body.errors[0].code).toBe(code);
      expect(answer.body.errors[0].message).toContain(message);
      expect(fits('Errors', answer.body)).toBe('');
    }
    expect((await call('/health', { method: 'DELETE' })).headers.get('allow')).toBe('GET');
    // An odd path is not found and a request target that is not a path is refused, never a fault; HEAD is GET without the body.
    const odd = await rawRequest('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(odd).toMatch(/^HTTP\/1\.1 404 /);
    const star = await rawRequest('OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(star).toMatch(/^HTTP\/1\.1 400 /);
    expect(star).toMatch(/"code":"bad-input"/);
    const head = await fetch(`${url}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    // A body over the limit that does not declare its length is cut off as it arrives.
    const streamed = await fetch(`${url}/evaluate`, {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(MAX_BODY / 4)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });
});
