import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { InvalidSchemaError, SchemaViolationError, type SchemaViolation } from '../problems/index.ts';
import type { ProposedEvent } from './append-request.ts';
import { schemaId } from './keys.ts';

// Import this module on first use (see loadEventSchemas): Ajv's code and its formats would add to
// every cold start of the API. Ajv: a maintained, complete JSON Schema validator (draft 2020-12 here) whose errors carry the
// failing value's JSON pointer; zod 4 converts its own schemas to JSON Schema, not the other way
// round. Strict mode refuses unknown keywords, so that a typo is a 400 rather than a schema that
// quietly accepts everything; ajv-formats gives `format` its meaning ("email", "date-time", …).
const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, allErrors: true, logger: false, addUsedSchema: false });
addFormats.default(ajv);

/** A registered schema's text → its compiled validator. Registered versions never change, so entries never go stale. */
const compiled = new Map<string, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new InvalidSchemaError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Checks that `schema` is a JSON Schema that compiles, or throws a 400 `invalid_schema`. Its
 * compiled form is not kept: a refused or never-used schema costs nothing afterwards.
 */
export function checkEventSchema(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new InvalidSchemaError('a schema is a JSON object');
  compile(schema);
  ajv.removeSchema(schema);
}

/** The validator of a registered schema, by its stored text. */
function validatorOf(schemaText: string): ValidateFunction {
  let validate = compiled.get(schemaText);
  if (validate === undefined) {
    validate = compile(JSON.parse(schemaText) as object);
    compiled.set(schemaText, validate);
  }
  return validate;
}

/**
 * Validates each event's data against the schema registered for its type and version, if one is;
 * throws 422 `schema_violation` naming every failing event and the JSON pointer (into the request
 * body) of each failing value. `schemas` maps schemaId → the schema's JSON text.
 */
export function validateEvents(events: readonly ProposedEvent[], schemas: ReadonlyMap<string, string>): void {
  const violations: SchemaViolation[] = events.flatMap((event, eventIndex) => {
    const schema = schemas.get(schemaId(event.type, event.schemaVersion));
    if (schema === undefined) return [];
    const validate = validatorOf(schema);
    if (validate(event.data)) return [];
    return (validate.errors ?? []).map((error) => ({ eventIndex, pointer: `/events/${eventIndex}/data${error.instancePath}`, message: error.message ?? error.keyword }));
  });
  if (violations.length > 0) throw new SchemaViolationError(violations);
}
