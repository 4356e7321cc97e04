import { isDeepStrictEqual } from 'node:util';
import { schemaId } from '../../../core/event-store/keys.ts';
import { parseEventType, parseStoreName } from '../../../core/event-store/names.ts';
import { eventSchemaBodySchema, schemaVersionParameter } from '../../../core/event-store/snapshot-request.ts';
import { SchemaExistsWithDifferentDefinitionError } from '../../../core/problems/index.ts';
import { parseRequest } from '../../../core/validation.ts';
import { loadEventSchemas } from '../../event-schemas-loader.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `PUT /v1/event-stores/{store}/schemas/{type}/{version}`: registers the JSON Schema that events
 * of this type and schema version must match from now on. A registered version never changes
 * (evolve a type by registering the next version): 201 registered, 200 the same again, 409 another.
 */
export const registerEventSchema: OperationHandler = async (request, { eventStores }) => {
  const name = parseStoreName(request.pathParameters.store);
  const type = parseEventType(request.pathParameters.type);
  const schemaVersion = parseRequest(schemaVersionParameter, request.pathParameters.version, 'path');
  const schema = parseRequest(eventSchemaBodySchema, request.body, 'request body');
  (await loadEventSchemas()).checkEventSchema(schema);
  const store = await eventStores.directory.find(name, { fresh: true });
  const existing = await eventStores.registry.addSchema(store, schemaId(type, schemaVersion), JSON.stringify(schema));
  const body = { type, schemaVersion, schema };
  if (existing === undefined) return { status: 201, body };
  if (!isDeepStrictEqual(JSON.parse(existing), schema)) throw new SchemaExistsWithDifferentDefinitionError(type, schemaVersion);
  return { status: 200, body };
};
