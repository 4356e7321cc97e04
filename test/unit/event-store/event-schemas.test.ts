import { describe, expect, it } from 'vitest';
import type { ProposedEvent } from '../../../functions/core/event-store/append-request.ts';
import { checkEventSchema, validateEvents } from '../../../functions/core/event-store/event-schemas.ts';
import { schemaId } from '../../../functions/core/event-store/keys.ts';
import { InvalidSchemaError, SchemaViolationError } from '../../../functions/core/problems/index.ts';

const event = (data: unknown, type = 'Deposited', schemaVersion = 1): ProposedEvent => ({ eventId: 'e', idGiven: false, type, schemaVersion, data, metadata: {} });
const amountSchema = JSON.stringify({ type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 1 }, at: { type: 'string', format: 'date-time' } } });
const schemas = new Map([[schemaId('Deposited', 1), amountSchema]]);

describe('checkEventSchema', () => {
  it('accepts a JSON Schema that compiles, formats included', () => {
    expect(() => checkEventSchema(JSON.parse(amountSchema))).not.toThrow();
  });

  it.each([
    ['an unknown type', { type: 'objekt' }],
    ['an unknown keyword (strict mode)', { type: 'object', requird: ['a'] }],
    ['a reference it cannot resolve', { $ref: 'https://example.com/schema.json' }],
    ['an array', []],
  ])('refuses %s with a 400', (_, schema) => {
    expect(() => checkEventSchema(schema)).toThrow(InvalidSchemaError);
  });
});

describe('validateEvents', () => {
  it('passes events that match their schema, and events whose type and version have none', () => {
    expect(() => validateEvents([event({ amount: 5, at: '2026-12-01T00:00:00Z' }), event('free', 'Deposited', 2), event(null, 'Other')], schemas)).not.toThrow();
  });

  it('names each failing event and the JSON pointer of each failing value in the request body', () => {
    let thrown: unknown;
    try {
      validateEvents([event({ amount: 5 }), event({ amount: 0 }), event({ at: 'yesterday' })], schemas);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(SchemaViolationError);
    expect((thrown as SchemaViolationError).extensions).toMatchObject({
      eventIndex: 1,
      pointer: '/events/1/data/amount',
      violations: [
        { eventIndex: 1, pointer: '/events/1/data/amount' },
        { eventIndex: 2, pointer: '/events/2/data' },
        { eventIndex: 2, pointer: '/events/2/data/at' },
      ],
    });
  });
});
