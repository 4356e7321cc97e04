import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidJsonError, UnsupportedMediaTypeError } from '../../core/problems/requests.ts';

/** An HTTP API event whose body, if any, has been parsed as JSON. */
export type JsonApiEvent = APIGatewayProxyEventV2 & { parsedBody?: unknown };

/** `application/json`, or any `+json` type, with optional parameters such as charset. */
const jsonMediaType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses a non-empty request body as JSON into `event.parsedBody`: 415 `unsupported_media_type`
 * unless the content type is JSON, 400 `invalid_json` when it does not parse. An empty body is
 * no body (a declaration with every default). Unmatched routes are left alone, so that an unknown
 * path gets its 404 whatever it carries.
 */
export function jsonBody(): MiddlewareObj<JsonApiEvent> {
  return {
    name: 'jsonBody',
    before: ({ event }) => {
      if (event.routeKey === '$default' || !event.body) return;
      const contentType = event.headers['content-type'];
      if (contentType === undefined || !jsonMediaType.test(contentType)) throw new UnsupportedMediaTypeError(contentType);
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      try {
        event.parsedBody = JSON.parse(text);
      } catch (error) {
        throw new InvalidJsonError((error as Error).message);
      }
    },
  };
}
