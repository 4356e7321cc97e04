import { PayloadTooLargeError } from '../problems/index.ts';

/** Step Functions' limit on an execution's input and a task's output: 256 KiB of UTF-8. */
export const MAX_STEP_FUNCTIONS_PAYLOAD_BYTES = 262_144;

/** `value` as the JSON string Step Functions takes, or a 413 naming `what` when it is over the limit. */
export function encodeStepFunctionsPayload(what: string, value: unknown): string {
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_STEP_FUNCTIONS_PAYLOAD_BYTES) throw new PayloadTooLargeError(what, bytes, MAX_STEP_FUNCTIONS_PAYLOAD_BYTES);
  return json;
}
