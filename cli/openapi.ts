// The OpenAPI 3.1 document `tariff serve` publishes at GET /openapi.json. Nothing in it is
// written out by hand per revision: each revision's input schema comes from the data the
// engine checks input against (`core/runtime/input-schema.ts`), the result and error schemas
// from the core's vocabularies (reasons, units, error codes), and the limits from the ones the
// service enforces — so a client generated from it accepts what the service accepts.
import { moduleNames } from '../core/analysis/module-names';
import type { Revisions } from '../core/runtime/evaluate-revision';
import { errorsSchema, inputSchema, outcomeSchemas, type JsonSchema } from '../core/runtime/input-schema';
import { INPUT_ERROR_CODES } from '../core/runtime/types';
import { VERSION } from './io';

/** What the service itself can refuse, beside the input errors of `evaluate`. */
export const SERVICE_ERROR_CODES = ['too-large', 'not-found', 'method-not-allowed', 'internal'] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

/** The limits the service enforces on a request. */
export interface ServiceLimits {
  /** Bytes of a request body. */
  body: number;
  /** Episodes in one batch. */
  batch: number;
  /** Episodes in one batch with explain=true (each is evaluated again for every change tried). */
  explained: number;
}

export function openApiDocument(revisions: Revisions, limits: ServiceLimits): Record<string, unknown> {
  const ids = Object.keys(revisions);
  const inputName = (revision: string) => `Input_${moduleNames(revision).alias.slice('rev_'.length)}`;
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: JsonSchema, description: string) => ({ description, content: { 'application/json': { schema } } });
  const errors = (description: string) => json(ref('Errors'), description);
  const { Result, InputErrors } = outcomeSchemas();
  const explain = {
    name: 'explain',
    in: 'query',
    required: false,
    description: 'Also say, for each item that cannot be claimed, what would make it claimable (whyNot).',
    schema: { type: 'boolean', default: false },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'tariff rules core',
      version: VERSION,
      description:
        `Evaluates episodes of care with the compiled fee-schedule rules (revisions ${ids.join(', ')}): which items can be ` +
        'claimed, for how much, and why the others cannot, each with the citation of its rule.',
    },
    paths: {
      '/evaluate': {
        post: {
          operationId: 'evaluate',
          summary: 'Evaluate one episode.',
          parameters: [explain],
          requestBody: { required: true, content: { 'application/json': { schema: ref('Input') } } },
          responses: {
            '200': json(ref('Result'), 'What can be claimed, and why the rest cannot.'),
            '400': json(ref('Errors'), 'The body is not JSON or the episode does not fit its revision; every error has its path.'),
            '413': errors(`The body has more than ${limits.body} bytes.`),
          },
        },
      },
      '/evaluate/batch': {
        post: {
          operationId: 'evaluateBatch',
          summary: 'Evaluate many episodes; each gets its own result or errors, in order.',
          parameters: [explain],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['episodes'], properties: { episodes: { type: 'array', items: ref('Input') } } },
              },
            },
          },
          responses: {
            '200': json(
              {
                type: 'object',
                required: ['results'],
                properties: { results: { type: 'array', items: { oneOf: [ref('Result'), ref('InputErrors')] } } },
              },
              'One result or one list of errors per episode, in the order given.',
            ),
            '400': errors('The body is not JSON, or not an object with a list of episodes.'),
            '413': errors(
              `The body has more than ${limits.body} bytes, or more than ${limits.batch} episodes (${limits.explained} with explain=true).`,
            ),
          },
        },
      },
      '/revisions': {
        get: {
          operationId: 'revisions',
          summary: 'The revisions served, with their items and facts.',
          responses: { '200': json(ref('Revisions'), 'Every revision served.') },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document.', responses: { '200': json({ type: 'object' }, 'This document.') } },
      },
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Whether the service answers.',
          responses: {
            '200': json(
              {
                type: 'object',
                required: ['status'],
                properties: { status: { const: 'ok' }, revisions: { type: 'array', items: { type: 'string' } } },
              },
              'The service answers.',
            ),
          },
        },
      },
    },
    components: {
      schemas: {
        Input: {
          oneOf: ids.map((id) => ref(inputName(id))),
          discriminator: {
            propertyName: 'revision',
            mapping: Object.fromEntries(ids.map((id) => [id, `#/components/schemas/${inputName(id)}`])),
          },
        },
        ...Object.fromEntries(ids.map((id) => [inputName(id), inputSchema(revisions[id]!)])),
        Result,
        InputErrors,
        Errors: errorsSchema([...INPUT_ERROR_CODES, ...SERVICE_ERROR_CODES]),
        Revisions: {
          type: 'object',
          required: ['revisions'],
          properties: {
            revisions: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'items', 'facts', 'claimants'],
                properties: {
                  id: { type: 'string' },
                  items: { type: 'array', items: { type: 'object', required: ['id', 'name', 'unit'] } },
                  facts: { type: 'array', items: { type: 'object', required: ['name', 'type'] } },
                  claimants: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  };
}
