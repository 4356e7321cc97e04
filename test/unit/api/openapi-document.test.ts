import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { problemDocument, requestBodies, responseBodies } from '../../../functions/core/schemas/api-contract.ts';
import { documentedRoutes, openApiDocument, routeProblems } from '../../../functions/api/openapi-document.ts';
import { apiRoutes } from '../../../functions/api/route-table.ts';
import { describeApi } from '../../../functions/api/operations/describe-api.ts';
import type { ApiRequest } from '../../../functions/api/http.ts';
import type { Services } from '../../../functions/api/services.ts';
import { declaredProblems } from '../../support/problem-catalogue.ts';

const document = openApiDocument();
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

describe('The OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has exactly one operation per route, with its operation name as id, method and path', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, operation]) => `${method.toUpperCase()} ${path} ${(operation as { operationId: string }).operationId}`),
    );
    const routes = apiRoutes.filter((route) => route.routeKey !== '$default').map((route) => `${route.routeKey} ${route.operation}`);
    expect(operations.sort()).toEqual(routes.sort());
  });

  it('gives every operation a summary, an example for each body and a problem response for 500', () => {
    for (const route of documentedRoutes) {
      const [method, path] = route.routeKey.split(' ') as [string, string];
      const operation = (document.paths[path] as Record<string, any>)[method.toLowerCase()];
      expect(operation.summary, route.routeKey).toMatch(/\w/);
      expect(operation.responses['500'].content['application/problem+json'].schema.allOf[1].properties.code.enum).toContain('internal_error');
      for (const response of Object.values<any>(operation.responses)) {
        for (const media of Object.values<any>(response.content ?? {})) expect(media.example, route.routeKey).toBeDefined();
      }
      if (operation.requestBody) expect(operation.requestBody.content['application/json'].example).toBeDefined();
    }
  });

  it('has examples that its own schemas accept', () => {
    for (const [name, { schema, example }] of Object.entries({ ...requestBodies, ...responseBodies, problemDocument })) {
      expect(z.safeParse(schema, example).success, name).toBe(true);
    }
  });

  it('describes SigV4 as API Gateway reads it', () => {
    expect(document.components.securitySchemes.sigv4).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization', 'x-amazon-apigateway-authtype': 'awsSigv4' });
    expect(document.security).toEqual([{ sigv4: [] }]);
  });

  it('is served by GET /v1/openapi.json', async () => {
    const result = await describeApi({} as ApiRequest, {} as Services);
    expect(result).toEqual({ status: 200, body: document });
  });
});

describe("The route docs' problems", () => {
  it('are codes of the catalogue, each under its status', () => {
    const statusOf = new Map(declaredProblems().map(({ code, status }) => [code, status]));
    const misplaced = documentedRoutes.flatMap((route) =>
      [...routeProblems(route)].flatMap(([status, codes]) => codes.filter((code) => statusOf.get(code) !== status).map((code) => `${route.routeKey}: ${status} ${code}`)),
    );
    expect(misplaced).toEqual([]);
  });
});

describe("The document's links", () => {
  it('lead to operations it has', () => {
    const operationIds = new Set(documentedRoutes.map((route) => route.operation));
    const targets = JSON.stringify(document.paths).match(/"operationId":"\w+"/g)!.length;
    const links = Object.values<any>(document.paths).flatMap((methods) =>
      Object.values<any>(methods).flatMap((operation) => Object.values<any>(operation.responses).flatMap((response) => Object.values<any>(response.links ?? {}))),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(targets).toBeGreaterThan(links.length);
    expect(links.filter((link) => !operationIds.has(link.operationId))).toEqual([]);
  });
});
