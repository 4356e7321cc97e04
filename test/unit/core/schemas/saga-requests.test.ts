import { describe, expect, it } from 'vitest';
import { listExecutionsQuerySchema, parseSagaName, startExecutionRequestSchema, taskSuccessRequestSchema } from '../../../../functions/core/schemas/saga-requests.ts';
import { parseRequest } from '../../../../functions/core/validation.ts';

describe('saga request schemas', () => {
  it('starts with a null input and a fresh UUID when the body is empty', () => {
    const first = parseRequest(startExecutionRequestSchema, undefined, 'request body');
    const second = parseRequest(startExecutionRequestSchema, {}, 'request body');

    expect(first.input).toBeNull();
    expect(first.executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.executionId).not.toBe(first.executionId);
  });

  it('keeps falsy inputs and outputs as given', () => {
    expect(parseRequest(startExecutionRequestSchema, { input: 0 }, 'request body').input).toBe(0);
    expect(parseRequest(taskSuccessRequestSchema, { taskToken: 't', output: false }, 'request body').output).toBe(false);
  });

  it('refuses unknown members, so that a misspelt executionId is not silently ignored', () => {
    expect(() => parseRequest(startExecutionRequestSchema, { input: 1, executionID: 'x' }, 'request body')).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('defaults the page size to 20 and reads max from the query string', () => {
    expect(parseRequest(listExecutionsQuerySchema, {}, 'query string')).toEqual({ max: 20 });
    expect(parseRequest(listExecutionsQuerySchema, { max: '100', status: 'COMPENSATION_FAILED' }, 'query string')).toEqual({ max: 100, status: 'COMPENSATION_FAILED' });
  });

  it('refuses saga names the contract does not allow with 400 invalid_saga_name', () => {
    expect(parseSagaName('order')).toBe('order');
    for (const name of [undefined, '', 'a.b', 'x'.repeat(41)]) expect(() => parseSagaName(name)).toThrow(expect.objectContaining({ status: 400, code: 'invalid_saga_name' }));
  });
});
