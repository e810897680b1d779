// The HTTP JSON service of `tariff serve`: POST /evaluate (one episode), POST /evaluate/batch
// (many), GET /revisions, GET /openapi.json and GET /health over the compiled rules core. A
// client sees `evaluate`'s own answers — a result, or 400 with `{ errors: [{ code, message,
// path }] }` — and the same error shape for what the service refuses itself: a body that is
// not JSON (400), too large or a batch too long (413), an unknown path (404) or method (405).
// Built on node:http: five routes and a body limit need no framework, and the service then
// adds no dependency to the rules core it serves. It never writes a file.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { evaluateRevision, type Revisions } from '../core/runtime/evaluate-revision';
import { claimantsOf } from '../core/runtime/input';
import type { InputError } from '../core/runtime/types';
import { keptJson, OutcomeJson } from './outcome-json';
import { openApiDocument, type ServiceErrorCode, type ServiceLimits } from './openapi';

export interface ServiceOptions {
  revisions: Revisions;
  limits: ServiceLimits;
  /** Where a fault of the service itself is logged (the client gets a 500 without details). */
  log: (text: string) => void;
}

/** The request handler: answers every request, and never throws. */
export function serviceHandler(options: ServiceOptions): RequestListener {
  const { revisions, limits } = options;
  // A body is handled once it has all arrived, outside the request's own try: it is guarded here.
  const readBody = (request: IncomingMessage, response: ServerResponse, then: (body: unknown) => void) =>
    readJson(request, response, limits, (body) => {
      try {
        then(body);
      } catch (error) {
        fault(options, response, error);
      }
    });
  // The JSON of claims and citations is kept for these rules; an answer's buffers start small.
  const kept = keptJson();
  const outcomes = () => new OutcomeJson(kept, (size) => Buffer.allocUnsafe(Math.max(size, 16 * 1024)));
  // What never changes is serialised once.
  const document = JSON.stringify(openApiDocument(revisions, limits));
  const health = JSON.stringify({ status: 'ok', revisions: Object.keys(revisions) });
  const listing = JSON.stringify({ revisions: Object.keys(revisions).map((id) => revisionSummary(revisions, id)) });
  const routes: Record<
    string,
    Partial<Record<'GET' | 'POST', (request: IncomingMessage, response: ServerResponse, url: RequestUrl) => void>>
  > = {
    '/evaluate': {
      POST: (request, response, url) =>
        readBody(request, response, (body) => {
          const outcome = evaluateRevision(revisions, body, { explain: explainOf(url) });
          const json = outcomes();
          json.add(outcome, { end: '' });
          send(response, 'errors' in outcome ? 400 : 200, json.take());
        }),
    },
    '/evaluate/batch': {
      POST: (request, response, url) =>
        readBody(request, response, (body) => {
          const episodes = body && typeof body === 'object' && !Array.isArray(body) ? (body as { episodes?: unknown }).episodes : undefined;
          if (!Array.isArray(episodes))
            return refuse(
              response,
              400,
              'bad-input',
              'the body must be an object { "episodes": [ … ] } with a list of episodes',
              'episodes',
            );
          if (episodes.length > limits.batch)
            return refuse(
              response,
              413,
              'too-large',
              `a batch has at most ${limits.batch} episodes; this one has ${episodes.length}`,
              'episodes',
            );
          const explain = explainOf(url);
          // Explaining tries many changes of each episode: an explained batch is kept short, so one request cannot hold the service for long.
          if (explain && episodes.length > limits.explained)
            return refuse(
              response,
              413,
              'too-large',
              `a batch with explain=true has at most ${limits.explained} episodes; this one has ${episodes.length}`,
              'episodes',
            );
          const json = outcomes();
          json.text('{"results":[');
          episodes.forEach((episode, k) =>
            json.add(evaluateRevision(revisions, episode, { explain }), { end: k < episodes.length - 1 ? ',' : '' }),
          );
          json.text(']}');
          send(response, 200, json.take());
        }),
    },
    '/revisions': { GET: (_request, response) => send(response, 200, listing) },
    '/openapi.json': { GET: (_request, response) => send(response, 200, document) },
    '/health': { GET: (_request, response) => send(response, 200, health) },
  };
  return (request, response) => {
    try {
      const url = requestUrl(request.url);
      if (!url) return refuse(response, 400, 'bad-input', 'the request target must be a path such as /evaluate', '');
      const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname]! : undefined;
      if (!route) return refuse(response, 404, 'not-found', `there is no ${url.pathname}; see GET /openapi.json`, '');
      // HEAD is GET without the body (node:http leaves it out).
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const handler = method === 'GET' || method === 'POST' ? route[method] : undefined;
      if (!handler) {
        response.setHeader('allow', Object.keys(route).join(', '));
        return refuse(
          response,
          405,
          'method-not-allowed',
          `${url.pathname} answers ${Object.keys(route).join(', ')}, not ${request.method}`,
          '',
        );
      }
      handler(request, response, url);
    } catch (error) {
      fault(options, response, error);
    }
  };
}

interface RequestUrl {
  pathname: string;
  searchParams: URLSearchParams;
}

/** An error the service gives itself, in `evaluate`'s shape. */
interface ServiceError {
  code: ServiceErrorCode | InputError['code'];
  message: string;
  path: string;
}

/**
 * The path and query of a request target, or undefined when it is not a path. Read by hand:
 * `new URL` would take `//host/health` for a host and a path, and throws on `//[`.
 */
function requestUrl(target: string | undefined): RequestUrl | undefined {
  if (!target || !target.startsWith('/')) return undefined;
  const query = target.indexOf('?');
  return query < 0
    ? { pathname: target, searchParams: new URLSearchParams() }
    : { pathname: target.slice(0, query), searchParams: new URLSearchParams(target.slice(query + 1)) };
}

function explainOf(url: RequestUrl): boolean {
  const value = url.searchParams.get('explain');
  return value === '' || value === 'true' || value === '1';
}

/**
 * Reads the whole body as JSON, within the size limit, and hands it on; answers 400 or 413
 * itself. A body over the limit is read on and dropped, so that the client, still sending,
 * gets the 413 instead of a broken connection — up to a bound past which the connection is cut.
 */
function readJson(request: IncomingMessage, response: ServerResponse, limits: ServiceLimits, then: (body: unknown) => void): void {
  const drainable = 2 * limits.body + 1024 * 1024;
  const tooLarge = () => {
    response.setHeader('connection', 'close');
    refuse(response, 413, 'too-large', `the body has more than ${limits.body} bytes`, '');
  };
  const declared = Number(request.headers['content-length']);
  if (declared > drainable) {
    tooLarge();
    request.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limits.body) chunks.push(chunk);
    else if (size > drainable) {
      tooLarge();
      request.destroy();
    }
  });
  request.on('end', () => {
    if (size > limits.body) return tooLarge();
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch (error) {
      return refuse(response, 400, 'bad-input', `the body is not JSON: ${error instanceof Error ? error.message : String(error)}`, '');
    }
    then(body);
  });
  // A client that goes away mid-body gets no answer; there is nobody to give it to.
  request.on('error', () => undefined);
}

function refuse(response: ServerResponse, status: number, code: ServiceError['code'], message: string, path: string): void {
  const errors: ServiceError[] = [{ code, message, path }];
  send(response, status, JSON.stringify({ errors }));
}

/** Answers with a JSON body, given as text or as the UTF-8 parts `OutcomeJson` made. */
function send(response: ServerResponse, status: number, body: string | readonly Uint8Array[]): void {
  if (response.headersSent) return;
  const parts = typeof body === 'string' ? [Buffer.from(body)] : body;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': parts.reduce((n, p) => n + p.length, 0),
    'x-content-type-options': 'nosniff',
  });
  for (const part of parts) response.write(part);
  response.end();
}

function fault(options: ServiceOptions, response: ServerResponse, error: unknown): void {
  options.log(`tariff serve: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  refuse(response, 500, 'internal', 'the service failed on this request; its log says why', '');
}

/** A revision as GET /revisions lists it: its items with their amounts, its facts with their values, its claimants. */
function revisionSummary(revisions: Revisions, id: string): unknown {
  const rules = revisions[id]!;
  return {
    id,
    items: rules.items.map((item) => ({
      id: item.id,
      name: item.name,
      unit: item.unit,
      ...(item.variants.length > 0
        ? { variants: item.variants.map((v) => ({ id: v.id, name: v.name, amount: v.amount })) }
        : { amount: item.amount }),
      ...(item.parent === undefined ? {} : { parent: item.parent }),
      effective: item.effective,
      source: item.source,
    })),
    facts: rules.facts.map((fact) => ({
      name: fact.name,
      type: fact.type,
      ...(fact.values ? { values: fact.values } : {}),
      ...(fact.min === undefined ? {} : { min: fact.min }),
      ...(fact.max === undefined ? {} : { max: fact.max }),
    })),
    claimants: claimantsOf(rules.items),
  };
}
