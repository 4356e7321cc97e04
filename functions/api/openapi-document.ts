import * as z from 'zod/mini';
import packageJson from '../../package.json' with { type: 'json' };
import { EXCHANGE_NAME_PATTERN } from '../core/exchanges/exchange-names.ts';
import { idempotencyKeyPattern } from '../core/idempotency-key.ts';
import { SAGA_NAME_PATTERN } from '../core/sagas/saga-contract.ts';
import { problemDocument, queryStrings, requestBodies, responseBodies } from '../core/schemas/api-contract.ts';
import { queueNamePattern } from '../core/schemas/queue-requests.ts';
import { executionIdSchema } from '../core/schemas/saga-requests.ts';
import { memberIdSchema } from '../core/streams/member-requests.ts';
import { groupNamePattern, streamNamePattern } from '../core/streams/names.ts';
import { partitionParameter } from '../core/streams/offsets.ts';
import { apiRoutes, type ApiRoute } from './route-table.ts';

/**
 * The API's OpenAPI 3.1 document, generated from the route table and the zod schemas it names
 * (zod's own JSON Schema output, draft 2020-12 as OpenAPI 3.1 uses): nothing is kept by hand
 * beside them. Built on the first GET /v1/openapi.json, not at cold start.
 */
type JsonSchema = Record<string, unknown>;

/** A request schema as clients send it (input), a response schema as the API answers (output). */
function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and refinements have no JSON Schema: their input side is what is described.
  const { $schema: _, ...described } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', override: withoutComputedDefaults }) as JsonSchema;
  return described;
}

/** A default computed per request (a random execution id) is not one value a client can rely on. */
function withoutComputedDefaults({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  if (zodSchema._zod.def.type === 'default' && Object.getOwnPropertyDescriptor(zodSchema._zod.def, 'defaultValue')?.get) delete jsonSchema.default;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const patterned = (pattern: RegExp) => ({ type: 'string', pattern: pattern.source });
// "." and ".." are path segments a URL resolves away, never a name.
const dotless = (pattern: RegExp) => ({ ...patterned(pattern), not: { enum: ['.', '..'] } });

/** Each path parameter's schema; `{name}` by the resource the route's tag names. */
function pathParameterSchema(parameter: string, route: RouteEntry): JsonSchema {
  if (parameter === 'partition') return jsonSchema(partitionParameter, 'input');
  if (parameter === 'group') return dotless(groupNamePattern);
  if (parameter === 'member') return jsonSchema(memberIdSchema, 'input');
  if (parameter === 'executionId') return jsonSchema(executionIdSchema, 'input');
  if (route.tag === 'queues') return dotless(queueNamePattern);
  if (route.tag === 'streams') return dotless(streamNamePattern);
  if (route.tag === 'sagas') return patterned(SAGA_NAME_PATTERN);
  return dotless(EXCHANGE_NAME_PATTERN);
}

/** Codes some route of each kind can answer, beside the route's own. */
const everyRoute = { 500: ['internal_error'], 503: ['service_unavailable'] };
const withBody = { 400: ['invalid_request', 'invalid_json'], 415: ['unsupported_media_type'] };
const withQuery = { 400: ['invalid_request'] };
const idempotent = { 400: ['invalid_idempotency_key'], 409: ['request_in_progress'], 422: ['idempotency_key_reused'], 503: ['idempotency_store_unavailable'] };
/** Problems answered with a Retry-After header. */
const retryLater = new Set(['purge_in_progress', 'request_in_progress']);

type RouteEntry = Exclude<ApiRoute, { routeKey: '$default' }>;
type CodesByStatus = Readonly<Record<number, readonly string[]>>;

function mergeCodes(...sources: CodesByStatus[]): Map<number, string[]> {
  const merged = new Map<number, string[]>();
  for (const source of sources) {
    for (const [status, codes] of Object.entries(source)) merged.set(Number(status), [...new Set([...(merged.get(Number(status)) ?? []), ...codes])]);
  }
  return new Map([...merged].sort(([a], [b]) => a - b));
}

/** Every problem a route can answer, by status. */
export function routeProblems(route: RouteEntry): Map<number, string[]> {
  return mergeCodes(
    'problems' in route ? route.problems : {},
    'body' in route ? withBody : {},
    'query' in route ? withQuery : {},
    'idempotent' in route ? idempotent : {},
    everyRoute,
  );
}

function problemResponse(status: number, codes: readonly string[]) {
  return {
    description: `A problem: ${codes.join(', ')}`,
    ...(codes.some((code) => retryLater.has(code)) && {
      headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } } },
    }),
    content: {
      'application/problem+json': {
        schema: { allOf: [ref('Problem'), { properties: { status: { const: status }, code: { enum: codes } } }] },
        example: { ...problemDocument.example, status, code: codes[0], type: `urn:postroom:problem:${codes[0]}` },
      },
    },
  };
}

function successResponse(status: number, body: keyof typeof responseBodies | null) {
  const location = status === 201 ? { headers: { Location: { description: 'The path of the created resource.', schema: { type: 'string' } } } } : {};
  if (body === null) return { description: 'Done; no content.', ...location };
  return {
    description: `${pascal(body)}`,
    ...location,
    content: { 'application/json': { schema: ref(pascal(body)), example: responseBodies[body].example } },
  };
}

function queryParameters(name: keyof typeof queryStrings) {
  const { properties = {}, required = [] } = jsonSchema(queryStrings[name], 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([parameter, schema]) => ({
    name: parameter,
    in: 'query',
    required: required.includes(parameter),
    // A repeated parameter (`messageId=a&messageId=b`) is an array.
    ...(schema.type === 'array' && { style: 'form', explode: true }),
    schema,
  }));
}

function operationOf(route: RouteEntry) {
  const [, path] = route.routeKey.split(' ') as [string, string];
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name: name!, in: 'path', required: true, schema: pathParameterSchema(name!, route) })),
    ...('query' in route ? queryParameters(route.query) : []),
    ...('idempotent' in route
      ? [{
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Makes a retried request answer as the first did, for 24 hours, instead of doing it again.',
          schema: patterned(idempotencyKeyPattern),
        }]
      : []),
  ];
  return {
    operationId: route.operation,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length > 0 && { parameters }),
    ...('body' in route && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref(`${pascal(route.body)}Request`), example: requestBodies[route.body].example } },
      },
    }),
    responses: Object.fromEntries([
      ...Object.entries(route.responses).map(([status, body]) => [status, successResponse(Number(status), body)]),
      ...[...routeProblems(route)].map(([status, codes]) => [String(status), problemResponse(status, codes)]),
    ]),
  };
}

/** The routes the document describes: all but the catch-all. */
export const documentedRoutes = apiRoutes.filter((route): route is RouteEntry => route.routeKey !== '$default');

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of documentedRoutes) {
    const [method, path] = route.routeKey.split(' ') as [string, string];
    (paths[path] ??= {})[method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Postroom',
      version: packageJson.version,
      description: packageJson.description,
      license: { name: packageJson.license, identifier: packageJson.license },
    },
    tags: [...new Set(documentedRoutes.map((route) => route.tag))].map((name) => ({ name })),
    security: [{ sigv4: [] }],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description:
            'A deployed stack authorizes every route with IAM: sign each request with AWS Signature Version 4 (service execute-api). ' +
            'The local runtime (npm start) checks no signature.',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
      schemas: {
        Problem: jsonSchema(problemDocument.schema, 'output'),
        ...Object.fromEntries(Object.entries(responseBodies).map(([name, { schema }]) => [pascal(name), jsonSchema(schema, 'output')])),
        ...Object.fromEntries(Object.entries(requestBodies).map(([name, { schema }]) => [`${pascal(name)}Request`, jsonSchema(schema, 'input')])),
      },
    },
  };
}
