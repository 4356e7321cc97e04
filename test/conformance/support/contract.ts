import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { routeMatcher, type RouteMatcher } from '../../../local/http/route-matcher.ts';

/**
 * Every response the conformance suite receives is checked against the API document the stack
 * under test serves (GET /v1/openapi.json): its status must be documented for the route, with the
 * documented media type, and its body must match that status's schema. So every scenario is a
 * contract test too, against `npm start` or a deployed stack alike.
 */
export interface ReceivedResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

interface Contract {
  readonly ajv: Ajv2020;
  readonly match: RouteMatcher<{ readonly pointer: string }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const DOCUMENT_ID = 'postroom:openapi';
/** A JSON Pointer token (RFC 6901), e.g. `/v1/queues` → `~1v1~1queues`. */
const token = (text: string) => text.replaceAll('~', '~0').replaceAll('/', '~1');

let contract: Promise<Contract> | undefined;

/** The contract, loaded once per test file from the served document. */
export function loadContract(fetchDocument: () => Promise<unknown>): Promise<Contract> {
  contract ??= fetchDocument().then((document) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // The document is not a JSON Schema, but its schemas are, with refs into it.
    ajv.addSchema(document as object, DOCUMENT_ID);
    const paths = (document as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => ({ routeKey: `${method.toUpperCase()} ${path}`, target: { pointer: `#/paths/${token(path)}/${method}` } })),
    );
    return { ajv, match: routeMatcher(routes) };
  });
  return contract;
}

/** Fails the calling test unless the response is one the document allows for the request. */
export async function expectDocumentedResponse(contract: Contract, method: string, path: string, response: ReceivedResponse): Promise<void> {
  const context = `${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`;
  const matched = contract.match(method, path);
  const pointer = matched ? `${matched.route.target.pointer}/responses/${response.status}` : undefined;
  if (pointer === undefined) {
    // No route: the catch-all answers with a problem.
    expect([404, 405], context).toContain(response.status);
    expectValid(contract, `${DOCUMENT_ID}#/components/schemas/Problem`, response.body, context);
    return;
  }
  const documented = contract.ajv.getSchema(`${DOCUMENT_ID}${pointer}`)?.schema as { content?: Record<string, unknown> } | undefined;
  expect(documented, `undocumented status: ${context}`).toBeDefined();
  const mediaTypes = Object.keys(documented!.content ?? {});
  if (mediaTypes.length === 0) {
    expect(response.body, `a body where none is documented: ${context}`).toBe('');
    return;
  }
  const mediaType = mediaTypes.find((type) => response.contentType?.startsWith(type));
  expect(mediaType, `content type ${response.contentType}, documented ${mediaTypes.join(', ')}: ${context}`).toBeDefined();
  expectValid(contract, `${DOCUMENT_ID}${pointer}/content/${token(mediaType!)}/schema`, response.body, context);
}

function expectValid(contract: Contract, schemaRef: string, body: unknown, context: string): void {
  const validate = contract.ajv.getSchema(schemaRef);
  expect(validate, `no schema at ${schemaRef}`).toBeDefined();
  const valid = validate!(body);
  expect(valid ? [] : validate!.errors, `response does not match the document: ${context}`).toEqual([]);
}
