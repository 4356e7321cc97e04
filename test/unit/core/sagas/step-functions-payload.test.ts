import { describe, expect, it } from 'vitest';
import { encodeStepFunctionsPayload, MAX_STEP_FUNCTIONS_PAYLOAD_BYTES } from '../../../../functions/core/sagas/step-functions-payload.ts';

describe('Function: encodeStepFunctionsPayload', () => {
  // JSON.stringify of a string adds its two quotes.
  const stringOfBytes = (bytes: number, char = 'x') => char.repeat((bytes - 2) / Buffer.byteLength(char));

  it('encodes a payload of exactly the limit', () => {
    expect(encodeStepFunctionsPayload('task output', stringOfBytes(MAX_STEP_FUNCTIONS_PAYLOAD_BYTES))).toHaveLength(MAX_STEP_FUNCTIONS_PAYLOAD_BYTES);
  });

  it('refuses one byte more with 413 payload_too_large, counting UTF-8 bytes', () => {
    // 'é' is 2 bytes in UTF-8: (262,144 − 2) / 2 + 1 of them is 2 bytes over.
    const value = `${stringOfBytes(MAX_STEP_FUNCTIONS_PAYLOAD_BYTES, 'é')}é`;

    expect(() => encodeStepFunctionsPayload('execution input', value)).toThrow(
      expect.objectContaining({ status: 413, code: 'payload_too_large', extensions: { bytes: MAX_STEP_FUNCTIONS_PAYLOAD_BYTES + 2, limit: MAX_STEP_FUNCTIONS_PAYLOAD_BYTES } }),
    );
  });
});
