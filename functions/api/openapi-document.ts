import * as z from 'zod/mini';
import packageJson from '../../package.json' with { type: 'json' };
import { eventTypePattern, storeNamePattern, streamIdPattern } from '../core/event-store/names.ts';
import { schemaVersionParameter } from '../core/event-store/snapshot-request.ts';
import { EXCHANGE_NAME_PATTERN } from '../core/exchanges/exchange-names.ts';
import { idempotencyKeyPattern } from '../core/idempotency-key.ts';
import { problemType } from '../core/problems/problem.ts';
import { SAGA_NAME_PATTERN } from '../core/sagas/saga-contract.ts';
import { problemDocument, queryStrings, requestBodies, responseBodies } from '../core/schemas/api-contract.ts';
import { queueNamePattern } from '../core/schemas/queue-requests.ts';
import { executionIdSchema } from '../core/schemas/saga-requests.ts';
import { memberIdSchema } from '../core/streams/member-requests.ts';
import { groupNamePattern, streamNamePattern } from '../core/streams/names.ts';
import { partitionParameter } from '../core/streams/offsets.ts';
import { routeDocs, type DocumentedOperation, type RouteDoc } from './route-docs.ts';
import { apiRoutes, type ApiRoute } from './route-table.ts';

/**
 * The API's OpenAPI 3.1 document, generated from the route table, its docs (route-docs.ts) and the
 * zod schemas they name (zod's own JSON Schema output, draft 2020-12 as OpenAPI 3.1 uses): nothing
 * is kept by hand beside them. Built on the first GET /v1/openapi.json, not at cold start.
 */
type JsonSchema = Record<string, unknown>;

/** A request schema as clients send it (input), a response schema as the API answers (output). */
function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and refinements have no JSON Schema: their input side is what is described.
  const { $schema: _, ...described } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', override: describeFaithfully }) as JsonSchema;
  return described;
}

/**
 * Adjusts zod's output where it cannot know better: a default computed per request (a random
 * execution id) is not one value a client can rely on; a custom check before a schema (headers
 * refuse `__proto__`, then are a record) is described by that schema.
 */
function describeFaithfully({ zodSchema, jsonSchema: described }: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const def = zodSchema._zod.def;
  if (def.type === 'default' && Object.getOwnPropertyDescriptor(def, 'defaultValue')?.get) delete described.default;
  if (def.type === 'pipe' && def.in._zod.def.type === 'custom') Object.assign(described, jsonSchema(def.out, 'input'));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const patterned = (pattern: RegExp) => ({ type: 'string', pattern: pattern.source });
// "." and ".." are path segments a URL resolves away, never a name.
const dotless = (pattern: RegExp) => ({ ...patterned(pattern), not: { enum: ['.', '..'] } });

/** Each path parameter's schema; `{name}` by the resource the route's tag names. */
function pathParameterSchema(parameter: string, route: DocumentedRoute): JsonSchema {
  if (parameter === 'partition') return jsonSchema(partitionParameter, 'input');
  if (parameter === 'group') return dotless(groupNamePattern);
  if (parameter === 'member') return jsonSchema(memberIdSchema, 'input');
  if (parameter === 'executionId') return jsonSchema(executionIdSchema, 'input');
  if (parameter === 'store') return dotless(storeNamePattern);
  if (parameter === 'streamId') return patterned(streamIdPattern);
  if (parameter === 'type') return patterned(eventTypePattern);
  if (parameter === 'version') return jsonSchema(schemaVersionParameter, 'input');
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

/**
 * A route the document describes: its route-table entry with its docs. Declared rather than
 * inferred from spreading the two tables' unions, which would multiply their members.
 */
interface DocumentedRoute extends RouteDoc {
  readonly routeKey: RouteEntry['routeKey'];
  readonly operation: DocumentedOperation;
  readonly idempotent?: true;
  readonly tag: RouteEntry['tag'];
}

type CodesByStatus = Readonly<Record<number, readonly string[]>>;

function mergeCodes(...sources: CodesByStatus[]): Map<number, string[]> {
  const merged = new Map<number, string[]>();
  for (const source of sources) {
    for (const [status, codes] of Object.entries(source)) merged.set(Number(status), [...new Set([...(merged.get(Number(status)) ?? []), ...codes])]);
  }
  return new Map([...merged].sort(([a], [b]) => a - b));
}

/** Every problem a route can answer, by status. */
export function routeProblems(route: DocumentedRoute): Map<number, string[]> {
  return mergeCodes(
    route.problems ?? {},
    route.body === undefined ? {} : withBody,
    route.query === undefined ? {} : withQuery,
    route.idempotent ? idempotent : {},
    everyRoute,
  );
}

/** The catalogue's example for its code, else one with the code's own type and title. */
function problemExample(status: number, code: string) {
  if (code === problemDocument.example.code) return problemDocument.example;
  const title = code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ');
  return { type: problemType(code), title, status, code, detail: `${title}: the detail says what happened and what to do about it.`, instance: problemDocument.example.instance };
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
        example: problemExample(status, codes[0]!),
      },
    },
  };
}

const pathOf = (route: DocumentedRoute) => route.routeKey.split(' ')[1]!;
const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);
/** `/v1/queues/{name}/messages` → `/v1/queues/{name}`: the resource a route acts on. */
const resourcePath = (path: string) => path.slice(0, path.lastIndexOf('}') + 1);

/**
 * OpenAPI links from a route that creates or acts on a resource (PUT, POST) to every other route
 * of that resource, with the same path parameters (declare → publish → receive → ack; declare
 * stream → produce → read), and the route docs' own links for what a response names (a member
 * id, a receipt). Clients and schemathesis' stateful tests follow them.
 */
function linksOf(route: DocumentedRoute) {
  const [method, path] = route.routeKey.split(' ') as [string, string];
  const resource = resourcePath(path);
  if (!['PUT', 'POST'].includes(method) || resource === '') return undefined;
  const same = Object.fromEntries(pathParameters(resource).map((name) => [name, `$request.path.${name}`]));
  const links: Record<string, object> = {};
  for (const other of documentedRoutes) {
    if (other !== route && pathOf(other).startsWith(resource)) links[other.operation] = { operationId: other.operation, parameters: same };
  }
  for (const link of route.links ?? []) {
    links[link.operation] = { operationId: link.operation, parameters: { ...same, ...link.parameters }, ...(link.requestBody !== undefined && { requestBody: link.requestBody }) };
  }
  return links;
}

const mediaTypeOf = (documented: object): string => ('mediaType' in documented ? String(documented.mediaType) : 'application/json');

function successResponse(route: DocumentedRoute, status: number, body: keyof typeof responseBodies | null) {
  const location = status === 201 ? { headers: { Location: { description: 'The path of the created resource.', schema: { type: 'string' } } } } : {};
  const links = linksOf(route);
  if (body === null) return { description: 'Done; no content.', ...location, ...(links && { links }) };
  return {
    description: `${pascal(body)}`,
    ...location,
    ...(links && { links }),
    content: { [mediaTypeOf(responseBodies[body])]: { schema: ref(pascal(body)), example: responseBodies[body].example } },
  };
}

/** The object schema inside a query schema's defaults and transforms. */
function objectShape(schema: z.core.$ZodType): Record<string, z.core.$ZodType> {
  const def = schema._zod.def as z.core.$ZodTypeDef & { shape?: Record<string, z.core.$ZodType>; in?: z.core.$ZodType; innerType?: z.core.$ZodType };
  if (def.shape) return def.shape;
  const inner = def.in ?? def.innerType;
  if (inner === undefined) throw new Error(`no object in a ${def.type} schema`);
  return objectShape(inner);
}

/**
 * Each member of a query schema as a parameter: required as its input says, typed as it parses
 * where zod can say so (`max` an integer, as OpenAPI serializes it), else as it is sent.
 */
function queryParameters(name: keyof typeof queryStrings) {
  const { required = [] } = jsonSchema(queryStrings[name], 'input') as { required?: string[] };
  return Object.entries(objectShape(queryStrings[name])).map(([parameter, member]) => {
    const parsed = jsonSchema(member, 'output');
    // A member that parses through a transform (`true` → true) has no output schema: as sent, then.
    const schema = JSON.stringify(parsed).includes('{}') ? jsonSchema(member, 'input') : parsed;
    return {
      name: parameter,
      in: 'query',
      required: required.includes(parameter),
      // A repeated parameter (`messageId=a&messageId=b`) is an array.
      ...(schema.type === 'array' && { style: 'form', explode: true }),
      schema,
    };
  });
}

function operationOf(route: DocumentedRoute) {
  const [, path] = route.routeKey.split(' ') as [string, string];
  const parameters = [
    ...pathParameters(path).map((name) => ({ name, in: 'path', required: true, schema: pathParameterSchema(name, route) })),
    ...(route.query === undefined ? [] : queryParameters(route.query)),
    ...(route.idempotent
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
    ...(route.body !== undefined && {
      requestBody: {
        // A body whose every member has a default may be left out.
        required: !z.safeParse(requestBodies[route.body].schema, undefined).success,
        content: { 'application/json': { schema: ref(`${pascal(route.body)}Request`), example: requestBodies[route.body].example } },
      },
    }),
    responses: Object.fromEntries([
      ...Object.entries(route.responses).map(([status, body]) => [status, successResponse(route, Number(status), body)]),
      ...[...routeProblems(route)].map(([status, codes]) => [String(status), problemResponse(status, codes)]),
    ]),
  };
}

const docsOf: Readonly<Record<DocumentedOperation, RouteDoc>> = routeDocs;

/** The routes the document describes: all but the catch-all, each with its docs. */
export const documentedRoutes: readonly DocumentedRoute[] = apiRoutes
  .filter((route): route is RouteEntry => route.routeKey !== '$default')
  .map((route) => ({ ...route, ...docsOf[route.operation] }));

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
