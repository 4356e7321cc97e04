/**
 * A form field's JSON: undefined when blank, else the parsed value; `what` names the field in the
 * error when it does not parse.
 */
export function parseJson(text: string, what: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not JSON: ${(error as Error).message}`);
  }
}

/** A JSON object of header values (or undefined when blank). */
export function parseHeaders(text: string, what = 'Headers'): Record<string, string | number | boolean | null> | undefined {
  const value = parseJson(text, what);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be a JSON object, e.g. {"type": "order"}`);
  return value as Record<string, string | number | boolean | null>;
}

/** A value shown compactly on one line. */
export const showJson = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));
