/**
 * The Mastodon OpenAPI 3.1 description (tests/fixtures/mastodon-openapi.json), compiled with
 * Ajv 2020 + ajv-formats, and the request / response validators the stand-in runs on every
 * exchange.
 *
 * The spec is used as published, except for the few patches listed in SPEC_EXCEPTIONS (each
 * one says where the spec is knowingly wrong and why). README.md in this folder lists them too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export const SPEC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'mastodon-openapi.json');

/** Marker that stands for an uploaded file in a parsed multipart body (checked by format "binary"). */
export const FILE_MARKER = '\u0000file:';

const COMPONENTS_ID = 'mastodon-components';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const CONSTRAINT_KEYWORDS = new Set(['required', 'description', 'title', 'minProperties', 'maxProperties', 'deprecated']);

export interface SpecException {
  id: string;
  where: string;
  why: string;
  apply(spec: Json): void;
}

const mediaAttachmentRef = { $ref: '#/components/schemas/MediaAttachment' };

/** A patch whose target changed: the spec was probably fixed, so the exception must go. */
function stale(id: string): never {
  throw new Error(`SPEC_EXCEPTIONS "${id}" no longer matches the Mastodon description: re-check it and remove or update the exception`);
}

/**
 * Places where the published description is knowingly wrong (or silent) and the stand-in
 * relaxes or completes it. Keep this list short: every entry must cite Mastodon's own
 * documentation or source.
 */
export const SPEC_EXCEPTIONS: readonly SpecException[] = [
  {
    id: 'create-status-union',
    where: 'POST /api/v1/statuses requestBody: oneOf [TextStatus, MediaStatus, PollStatus]',
    why:
      'The three branches are open schemas that are not exclusive: a status with text AND a poll (or ' +
      'text AND media_ids) matches two of them, which oneOf rejects although Mastodon accepts it, and a ' +
      'field of a branch that is not the one matching (poll.expires_in next to a text) is never checked. ' +
      'Validated as BaseStatus + the union of the branches\' fields, with at least one of status, ' +
      'media_ids or poll (methods/statuses/#create).',
    apply(spec) {
      const content = spec.paths['/api/v1/statuses'].post.requestBody.content['application/json'];
      if (!Array.isArray(content.schema.oneOf)) stale('create-status-union');
      const properties: Record<string, Json> = {};
      for (const ref of content.schema.oneOf) {
        const branch = spec.components.schemas[ref.$ref.split('/').pop()];
        for (const part of branch.allOf) if (part.properties) Object.assign(properties, part.properties);
      }
      content.schema = {
        allOf: [{ $ref: '#/components/schemas/BaseStatus' }, { type: 'object', properties }],
        anyOf: [{ required: ['status'] }, { required: ['media_ids'] }, { required: ['poll'] }],
      };
    },
  },
  {
    id: 'idempotency-key-string',
    where: 'POST /api/v1/statuses header parameter Idempotency-Key: schema type "object"',
    why: 'An HTTP header is a string; the documentation says "any arbitrary string". Validated as a string.',
    apply(spec) {
      const param = spec.paths['/api/v1/statuses'].post.parameters.find((p: Json) => p.name === 'Idempotency-Key');
      if (param?.schema?.type !== 'object') stale('idempotency-key-string');
      param.schema = { type: 'string', minLength: 1 };
    },
  },
  {
    id: 'media-206-body',
    where: 'GET /api/v1/media/{id} 206 (no body documented) and PUT /api/v1/media/{id} (206 not documented)',
    why:
      'Mastodon answers both with the MediaAttachment and status 206 while it is still processing ' +
      '(app/controllers/api/v1/media_controller.rb, status_code_for_media_attachment). Clients rely on ' +
      'that body (url is null until processed). 206 is validated against MediaAttachment.',
    apply(spec) {
      const content = { 'application/json': { schema: mediaAttachmentRef } };
      const media = spec.paths['/api/v1/media/{id}'];
      if (media.get.responses['206']?.content || media.put.responses['206']) stale('media-206-body');
      spec.paths['/api/v1/media/{id}'].get.responses['206'] = { description: 'Partial content', content };
      spec.paths['/api/v1/media/{id}'].put.responses['206'] = { description: 'Partial content', content };
    },
  },
  {
    id: 'authorize-302',
    where: 'GET /oauth/authorize responses: 200 only',
    why:
      'When the user approves (or the grant is pre-approved), Doorkeeper answers 302 to redirect_uri ' +
      'with ?code= or ?error= (methods/oauth/#authorize, RFC 6749 4.1.2). 302 added.',
    apply(spec) {
      if (spec.paths['/oauth/authorize'].get.responses['302']) stale('authorize-302');
      spec.paths['/oauth/authorize'].get.responses['302'] = { description: 'Redirect to redirect_uri' };
    },
  },
];

/**
 * Interpretation rules (not patches of the document) the validators follow:
 * - Request content types: Mastodon (Rails) accepts JSON, x-www-form-urlencoded and multipart on
 *   every method, while the spec lists one. Any of the three is validated against the documented
 *   schema; form values (strings) are coerced to the schema's scalar types, Rails-style keys
 *   (a[]=, a[b]=) are nested. Anything else is a violation.
 * - Security: the scopes of one requirement are alternatives (doorkeeper_authorize! :write,
 *   :'write:statuses'), and "read"/"write" imply their sub-scopes. A 403 "outside the authorized
 *   scopes" may be answered by any OAuth method, documented or not.
 * - A documented response without content may carry `{}` (Mastodon's render_empty) or HTML.
 * - Injected faults (500/502/503/429) may use status codes the operation does not document; a JSON
 *   fault body must still be an Error.
 * - Custom formats: "iso-639-1" (two lowercase letters), "scopes" (space-separated OAuthScope values),
 *   "binary" (a file part of a multipart body).
 * - Stricter than the spec (option rejectUnknownFields, on by default): body and query fields the
 *   operation does not declare are violations, because Mastodon silently ignores them.
 */

export interface OperationInfo {
  method: string;
  template: string;
  /** "POST /api/v1/statuses" */
  route: string;
  pointer: string;
  op: Json;
  regex: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export interface MatchedOperation {
  operation: OperationInfo;
  pathParams: Record<string, string>;
}

export interface ParsedBody {
  kind: 'none' | 'json' | 'form' | 'multipart' | 'invalid';
  contentType?: string;
  value?: Record<string, unknown>;
  files?: Map<string, File>;
  problem?: string;
}

export interface ValidatedRequest {
  errors: string[];
  query: Record<string, unknown>;
  body: Record<string, unknown>;
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`;
      } else out[k] = rewriteRefs(v);
    }
    return out;
  }
  return node;
}

function formatErrors(errors: ErrorObject[] | null | undefined, location: string): string[] {
  if (!errors) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    let where = `${location}${e.instancePath}`;
    if (e.keyword === 'required') where += `/${(e.params as { missingProperty: string }).missingProperty}`;
    let msg = `${where} ${e.message ?? e.keyword}`;
    if (e.keyword === 'enum') msg += ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
    if (!seen.has(msg)) {
      seen.add(msg);
      out.push(msg);
    }
  }
  return out.slice(0, 12);
}

class MastodonSpec {
  readonly raw: Json;
  readonly operations: OperationInfo[] = [];
  private readonly schemas: Record<string, Json>;
  private readonly strictAjv: InstanceType<typeof Ajv2020>;
  private readonly formAjv: InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file = SPEC_PATH) {
    const spec = JSON.parse(readFileSync(file, 'utf8'));
    for (const exception of SPEC_EXCEPTIONS) exception.apply(spec);
    this.raw = spec;
    this.schemas = spec.components.schemas;
    const components = { $id: COMPONENTS_ID, $defs: rewriteRefs(spec.components.schemas) };
    const make = (coerce: boolean) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: coerce, validateFormats: true });
      addFormats(ajv);
      ajv.addFormat('iso-639-1', /^[a-z]{2}$/);
      const scopes = new Set<string>(spec.components.schemas.OAuthScope.enum);
      ajv.addFormat('scopes', { type: 'string', validate: (s: string) => s.split(/[\s+]+/).filter(Boolean).every((x) => scopes.has(x)) });
      ajv.addFormat('binary', { type: 'string', validate: (s: string) => s.startsWith(FILE_MARKER) });
      ajv.addSchema(components);
      return ajv;
    };
    this.strictAjv = make(false);
    this.formAjv = make(true);

    for (const [template, item] of Object.entries<Json>(spec.paths)) {
      const segments = template.split('/');
      const paramNames: string[] = [];
      const pattern = segments
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg);
          if (m) {
            paramNames.push(m[1]!);
            return '([^/]+)';
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          route: `${method.toUpperCase()} ${template}`,
          pointer: `/paths/${escapePointer(template)}/${method}`,
          op,
          regex: new RegExp(`^${pattern}$`),
          paramNames,
          literalSegments: segments.length - paramNames.length,
        });
      }
    }
  }

  hasRoute(route: string): boolean {
    return this.operations.some((o) => o.route === route);
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    let best: MatchedOperation | undefined;
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const m = operation.regex.exec(pathname);
      if (!m) continue;
      if (best && best.operation.literalSegments >= operation.literalSegments) continue;
      const pathParams: Record<string, string> = {};
      operation.paramNames.forEach((name, i) => (pathParams[name] = decodeURIComponent(m[i + 1]!)));
      best = { operation, pathParams };
    }
    return best;
  }

  private validator(key: string, schema: Json, coerce: boolean): ValidateFunction {
    const cacheKey = `${coerce ? 'form' : 'json'}:${key}`;
    let fn = this.cache.get(cacheKey);
    if (!fn) {
      fn = (coerce ? this.formAjv : this.strictAjv).compile(rewriteRefs(schema));
      this.cache.set(cacheKey, fn);
    }
    return fn;
  }

  /** Errors of `data` against one entity of the spec (components/schemas/<name>), e.g. a streamed payload. */
  validateSchema(name: string, data: unknown): string[] {
    if (!this.schemas[name]) return [`no schema ${name} in the spec`];
    const fn = this.validator(`schema:${name}`, { $ref: `#/components/schemas/${name}` }, false);
    return fn(data) ? [] : formatErrors(fn.errors, name);
  }

  /** Validates a value wrapped in an object so that coercion of scalars is visible to the caller. */
  private validateValue(key: string, schema: Json, value: unknown, coerce: boolean, location: string): { errors: string[]; value: unknown } {
    const fn = this.validator(key, { type: 'object', properties: { v: schema } }, coerce);
    const holder = { v: value };
    const ok = fn(holder);
    return { errors: ok ? [] : formatErrors(fn.errors, location).map((e) => e.replace(`${location}/v`, location)), value: holder.v };
  }

  validateRequest(
    matched: MatchedOperation,
    query: Record<string, unknown>,
    headers: Record<string, string | string[] | undefined>,
    body: ParsedBody,
    options: { rejectUnknownFields: boolean },
  ): ValidatedRequest {
    const { operation, pathParams } = matched;
    const errors: string[] = [];
    const params: Json[] = operation.op.parameters ?? [];
    const outQuery: Record<string, unknown> = { ...query };
    const declaredQuery = new Set<string>();

    params.forEach((param: Json, index: number) => {
      const key = `${operation.pointer}/parameters/${index}`;
      const name: string = param.name.replace(/\[\]$/, '');
      let present: boolean;
      let value: unknown;
      if (param.in === 'path') {
        present = name in pathParams;
        value = pathParams[name];
      } else if (param.in === 'query') {
        declaredQuery.add(name);
        present = query[name] !== undefined;
        value = query[name];
      } else if (param.in === 'header') {
        const h = headers[name.toLowerCase()];
        present = h !== undefined;
        value = Array.isArray(h) ? h.join(', ') : h;
      } else return;
      if (!present) {
        if (param.required) errors.push(`${param.in} parameter "${name}" is required`);
        return;
      }
      const checked = this.validateValue(key, param.schema ?? {}, value, param.in !== 'header', `${param.in}/${name}`);
      errors.push(...checked.errors);
      if (param.in === 'query') outQuery[name] = checked.value;
    });
    if (options.rejectUnknownFields) {
      for (const name of Object.keys(query)) {
        if (!declaredQuery.has(name)) errors.push(`query/${name} is not a parameter of ${operation.route}`);
      }
    }

    const requestBody = operation.op.requestBody;
    let outBody: Record<string, unknown> = {};
    if (body.kind === 'invalid') {
      errors.push(`body: ${body.problem}`);
    } else if (!requestBody) {
      if (body.kind !== 'none' && Object.keys(body.value ?? {}).length > 0) errors.push(`${operation.route} takes no request body`);
    } else if (body.kind === 'none') {
      if (requestBody.required) errors.push('body is required');
    } else {
      const content = requestBody.content as Record<string, Json>;
      const documented = Object.keys(content);
      const mediaType = documented.includes(body.contentType ?? '') ? body.contentType! : documented[0]!;
      const schema = content[mediaType].schema;
      const coerce = body.kind !== 'json';
      const fn = this.validator(`${operation.pointer}/requestBody/${mediaType}`, schema, coerce);
      const value = body.value ?? {};
      if (!fn(value)) errors.push(...formatErrors(fn.errors, 'body'));
      if (options.rejectUnknownFields) this.unknownFields(value, [schema], 'body', errors);
      outBody = value;
    }
    return { errors, query: outQuery, body: outBody };
  }

  /**
   * Checks a response. `documentedOnly: false` lets injected faults use codes the operation does
   * not list (their JSON bodies must still be an Error).
   */
  validateResponse(
    operation: OperationInfo,
    status: number,
    contentType: string | undefined,
    bodyText: string,
    options: { injectedFault?: boolean } = {},
  ): string[] {
    const responses = operation.op.responses as Record<string, Json>;
    let documented = responses[String(status)];
    let key = `${operation.pointer}/responses/${status}`;
    const isJson = /^application\/json\b/.test(contentType ?? '');
    if (!documented && (options.injectedFault || status === 403)) {
      documented = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      key = 'injected-error';
    }
    if (!documented) return [`status ${status} is not documented for ${operation.route}`];
    const content = documented.content as Record<string, Json> | undefined;
    if (!content) {
      if (isJson && bodyText.trim() !== '' && bodyText.trim() !== '{}') return [`status ${status} documents no body, got ${bodyText.slice(0, 80)}`];
      return [];
    }
    const schema = content['application/json']?.schema;
    if (!schema) return [];
    if (!isJson) {
      if (options.injectedFault) return [];
      return [`status ${status} must be application/json, got ${contentType ?? 'no content type'}`];
    }
    let data: unknown;
    try {
      data = JSON.parse(bodyText);
    } catch {
      return [`status ${status} body is not JSON`];
    }
    const fn = this.validator(key, schema, false);
    return fn(data) ? [] : formatErrors(fn.errors, 'response');
  }

  private resolve(schema: Json): Json {
    let s = schema;
    for (let i = 0; i < 20 && s && typeof s.$ref === 'string'; i++) {
      const name = s.$ref.split('/').pop();
      const target = this.schemas[name];
      if (!target) break;
      const { $ref: _ref, ...rest } = s;
      s = Object.keys(rest).length ? { ...rest, ...target, allOf: [...(target.allOf ?? []), ...(rest.allOf ?? [])] } : target;
    }
    return s;
  }

  private shape(schema: Json, depth = 0): { open: boolean; props: Map<string, Json[]> } {
    const s = this.resolve(schema);
    const props = new Map<string, Json[]>();
    if (!s || typeof s !== 'object' || depth > 10) return { open: true, props };
    let open = s.additionalProperties !== undefined && s.additionalProperties !== false;
    let structured = false;
    if (s.properties) {
      structured = true;
      for (const [k, v] of Object.entries(s.properties)) props.set(k, [...(props.get(k) ?? []), v]);
    }
    for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
      structured = true;
      const inner = this.shape(sub, depth + 1);
      open ||= inner.open;
      for (const [k, v] of inner.props) props.set(k, [...(props.get(k) ?? []), ...v]);
    }
    // A schema that only constrains (e.g. { required: [...] } inside anyOf) adds no fields and
    // does not open the object; any other schema without properties is a free-form object.
    const constraintOnly = Object.keys(s).length > 0 && Object.keys(s).every((k) => CONSTRAINT_KEYWORDS.has(k));
    if (!structured && !constraintOnly) open = true;
    return { open, props };
  }

  private unknownFields(data: unknown, schemas: Json[], location: string, out: string[]): void {
    if (Array.isArray(data)) {
      const items = schemas.map((s) => this.resolve(s)?.items).filter(Boolean);
      if (items.length) data.forEach((d, i) => this.unknownFields(d, items, `${location}/${i}`, out));
      return;
    }
    if (!data || typeof data !== 'object') return;
    const shapes = schemas.map((s) => this.shape(s));
    if (shapes.some((s) => s.open)) return;
    for (const [key, value] of Object.entries(data)) {
      const propSchemas = shapes.flatMap((s) => s.props.get(key) ?? []);
      if (propSchemas.length === 0) out.push(`${location}/${key} is not a documented field`);
      else this.unknownFields(value, propSchemas, `${location}/${key}`, out);
    }
  }
}

let shared: MastodonSpec | undefined;

/** The compiled spec, shared by every stand-in of the process (compiling takes a moment). */
export function mastodonSpec(): MastodonSpec {
  shared ??= new MastodonSpec();
  return shared;
}

export type { MastodonSpec };
