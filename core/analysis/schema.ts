// Validates each document against the JSON Schema of its file kind (the same schemas the
// extension contributes to editors) and turns ajv's errors into findings at the exact key
// or value, with readable Japanese and English messages and "did you mean" suggestions.
import type { ErrorObject } from 'ajv';
import factsSchema from '../../schemas/facts.schema.json';
import revisionsSchema from '../../schemas/revisions.schema.json';
import scenarioSchema from '../../schemas/scenario.schema.json';
import tariffSchema from '../../schemas/tariff.schema.json';
import waiversSchema from '../../schemas/waivers.schema.json';
import { ownerSpan, pointerSegment, valueAt, valueSpan, type Chunks, type ParsedFile, type YamlDoc } from './parse';
import { shiftSpan } from './chunked-parse';
// One validator per file kind and one for a tariff item, compiled ahead of time from schemas/ (scripts/generate-validators.mjs).
import * as validators from './generated/validators';
import { closestMatch } from './suggest';
import type { FileKind, Finding, MessageRef, Span, Terms } from './types';
import { suggestionFix } from './fixes';
import { onPhase } from '../model/phases';
import { FACT_COMPARISONS } from '../model/operators';

/** The fix of a schema finding: a misspelt key or value becomes its nearest match. */
export const schemaFixes = suggestionFix;

/** The JSON Schema of each file kind, as shipped in `schemas/`. */
export const SCHEMAS: Readonly<Record<FileKind, object>> = {
  tariff: tariffSchema,
  facts: factsSchema,
  revisions: revisionsSchema,
  scenario: scenarioSchema,
  waivers: waiversSchema,
};

/** Schema findings for every document of a file that YAML could read without errors. */
export function validateFile(file: ParsedFile): Finding[] {
  // A file over the size limit was not parsed: its one finding says so.
  if (!file.kind || file.findings.some((f) => f.code === 'file-too-large')) return [];
  if (file.chunks && file.kind === 'tariff') return validateChunked(file, file.chunks);
  const validate = validators[file.kind];
  const findings: Finding[] = [];
  if (file.docs.length === 0) {
    findings.push({
      file: file.file,
      span: { start: 0, end: 0 },
      code: 'schema',
      severity: 'error',
      message: { id: 'schema.empty-file', args: { required: REQUIRED[file.kind] } },
    });
  }
  for (const doc of file.docs) {
    // A document with YAML errors is a best-effort recovery: schema errors on it would be noise.
    if (doc.broken) continue;
    if (validate(doc.value)) continue;
    for (const finding of mapErrors(file, doc, validate.errors ?? [])) findings.push(finding);
  }
  return findings;
}

/**
 * The same findings for a tariff file parsed item by item, from the header (against the
 * file schema, with no items) and each item (against the item schema), each item's kept
 * with its parse: an edit validates only the items it changed.
 */
function validateChunked(file: ParsedFile, chunks: Chunks): Finding[] {
  // As for a whole document: a file with YAML errors gets no schema findings.
  if (file.docs[0]?.broken) return [];
  const findings: Finding[] = [];
  const header = chunks.header.docs[0]!;
  const root = validators.tariff;
  if (!root({ ...(header.value as object), items: [] }))
    for (const finding of mapErrors(file, header, root.errors ?? [])) findings.push(finding);
  for (const part of chunks.items) {
    if (!part) continue;
    for (const f of itemFindings(part.parsed)) findings.push({ ...f, file: file.file, span: shiftSpan(f.span, part.start) });
  }
  return findings;
}

/** The schema findings of one item's chunk, kept for as long as the chunk's parse is reused. */
const itemFindings = onPhase({ phase: 'parsed', keeps: "an item chunk's schema findings" }, (parsed: ParsedFile) => {
  const doc = parsed.docs[0]!;
  const validate = validators.item;
  // Errors are about the item; its pointers in the chunk's own parse start at `/0`.
  return validate(valueAt(doc.value, '/0'))
    ? []
    : mapErrors(
        parsed,
        doc,
        (validate.errors ?? []).map((e) => ({ ...e, instancePath: `/0${e.instancePath}` })),
      );
});

/** What an empty file of each kind lacks, for its one finding. */
const REQUIRED: Record<FileKind, string> = {
  tariff: 'revision, scheme, items',
  facts: 'facts',
  revisions: 'revisions',
  scenario: 'scenario, revision, date, facts',
  waivers: 'revision, scheme, waivers',
};

function mapErrors(file: ParsedFile, doc: YamlDoc, errors: ErrorObject[]): Finding[] {
  // An unknown key already explains why a condition has too many or too few operators.
  const withUnknownKey = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    // A part nested past the limit was read as null: its one finding says why, not the schema.
    if (doc.cuts.some((c) => error.instancePath === c.pointer || error.instancePath.startsWith(`${c.pointer}/`))) continue;
    if ((error.keyword === 'minProperties' || error.keyword === 'maxProperties') && withUnknownKey.has(error.instancePath)) continue;
    const mapped = mapError(file.text, doc, error);
    if (!mapped) continue;
    const key = `${mapped.span.start}:${mapped.span.end}:${mapped.message.id}:${JSON.stringify(mapped.message.args)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({
      file: file.file,
      span: mapped.span,
      code: 'schema',
      severity: 'error',
      message: mapped.message,
      ...(mapped.data ? { data: mapped.data } : {}),
    });
  }
  return findings;
}

function mapError(
  text: string,
  doc: YamlDoc,
  error: ErrorObject,
): { span: Span; message: MessageRef; data?: Record<string, unknown> } | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { span: ownerSpan(doc, at), message: { id: 'schema.required', args: { field: String(params.missingProperty) } } };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const span = ownerSpan(doc, `${at}/${pointerSegment(name)}`);
      if (FACT_COMPARISONS.includes(name)) return { span, message: { id: 'schema.fact-comparison', args: { key: name } } };
      const known = Object.keys((parent.properties as object | undefined) ?? {});
      const suggestion = closestMatch(name, known);
      return suggestion
        ? { span, message: { id: 'schema.unknown-key.suggest', args: { key: name, suggestion } }, data: { suggestion } }
        : { span, message: { id: 'schema.unknown-key', args: { key: name, known: known.join(', ') } } };
    }
    case 'type':
      return {
        span: compactSpan(text, doc, at),
        message: { id: 'schema.type', args: { expected: typeWords(params.type), actual: typeWords(kindOf(error.data)) } },
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(error.data);
      const suggestion = typeof error.data === 'string' ? closestMatch(value, allowed) : undefined;
      return suggestion
        ? { span: valueSpan(doc, at), message: { id: 'schema.enum.suggest', args: { value, suggestion } }, data: { suggestion } }
        : { span: valueSpan(doc, at), message: { id: 'schema.enum', args: { value, allowed: allowed.join(', ') } } };
    }
    case 'const':
      return {
        span: valueSpan(doc, at),
        message: { id: 'schema.enum', args: { value: String(error.data), allowed: String(params.allowedValue) } },
      };
    case 'minItems':
      return Number(params.limit) === 1
        ? { span: ownerSpan(doc, at), message: { id: 'schema.empty-list', args: { key: lastSegment(at) } } }
        : { span: valueSpan(doc, at), message: { id: 'schema.min-items', args: { limit: Number(params.limit) } } };
    case 'maxItems':
      return { span: valueSpan(doc, at), message: { id: 'schema.max-items', args: { limit: Number(params.limit) } } };
    case 'minProperties':
    case 'maxProperties':
      return atomOrObjectSize(doc, at, error, parent);
    case 'uniqueItems':
      return {
        span: valueSpan(doc, `${at}/${Number(params.i)}`),
        message: { id: 'schema.unique', args: { value: String(valueAt(doc.value, `${at}/${Number(params.i)}`)) } },
      };
    case 'minLength':
      return { span: valueSpan(doc, at), message: { id: 'schema.empty-string' } };
    case 'minimum':
    case 'maximum':
      return {
        span: valueSpan(doc, at),
        message: { id: `schema.${error.keyword}`, args: { limit: Number(params.limit), value: String(error.data) } },
      };
    case 'format':
      return { span: valueSpan(doc, at), message: { id: 'schema.date', args: { value: String(error.data) } } };
    case 'pattern': {
      const which = typeof parent['x-message'] === 'string' ? parent['x-message'] : 'generic';
      return { span: valueSpan(doc, at), message: { id: `schema.pattern.${which}`, args: { value: String(error.data) } } };
    }
    case 'propertyNames':
      return undefined; // ajv reports the failing name's own pattern error as well.
    case 'anyOf':
      return { span: valueSpan(doc, at), message: { id: 'schema.any-of', args: { actual: typeWords(kindOf(error.data)) } } };
    default:
      return { span: valueSpan(doc, at), message: { id: 'schema.other', args: { detail: `${error.keyword}: ${error.message ?? ''}` } } };
  }
}

/** The value, or its key when the value is a block over several lines (never a whole block). */
function compactSpan(text: string, doc: YamlDoc, at: string): Span {
  const span = valueSpan(doc, at);
  const spans = doc.spans.get(at);
  return spans?.key && span.end - span.start > 0 && text.slice(span.start, span.end).trimEnd().includes('\n') ? spans.key : span;
}

function atomOrObjectSize(
  doc: YamlDoc,
  at: string,
  error: ErrorObject,
  parent: Record<string, unknown>,
): { span: Span; message: MessageRef } {
  if (parent['x-message'] === 'atom') {
    const data = (error.data ?? {}) as Record<string, unknown>;
    const fact = typeof data.fact === 'string' ? data.fact : '';
    const operators = Object.keys(data).filter((k) => k !== 'fact');
    return error.keyword === 'minProperties'
      ? { span: ownerSpan(doc, `${at}/fact`), message: { id: 'schema.atom-no-operator', args: { fact } } }
      : {
          span: ownerSpan(doc, `${at}/${pointerSegment(operators[1] ?? 'fact')}`),
          message: { id: 'schema.atom-many-operators', args: { fact, operators: operators.join(', ') } },
        };
  }
  return { span: ownerSpan(doc, at), message: { id: 'schema.empty-object', args: { key: lastSegment(at) } } };
}

function lastSegment(pointer: string): string {
  return (pointer.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Schema type names as the user sees them in YAML (a mapping, a list, …), stable for l10n. */
function typeWords(type: unknown): Terms {
  const list = Array.isArray(type) ? type.map(String) : String(type).split(',');
  return { terms: list.map((t) => `type.${t}`) };
}
