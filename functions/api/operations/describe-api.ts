import type { OperationHandler } from '../http.ts';

let document: unknown;

/**
 * `GET /v1/openapi.json`: the API's OpenAPI 3.1 document. Imported and built on the first request
 * and kept, so that the schemas it is made of cost nothing at cold start.
 */
export const describeApi: OperationHandler = async () => {
  document ??= (await import('../openapi-document.ts')).openApiDocument();
  return { status: 200, body: document };
};
