import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { InvalidRequestError, type FieldError } from './problems/index.ts';

// zod/mini loads no locale, so without this every built-in issue would read "Invalid input".
// English is what classic zod configured on its own; messages are rendered at parse time, so this
// covers every schema. (A named import: `z.locales.en` would bundle every locale.)
z.config(en());

/**
 * Parses a request part with its schema, or throws a 400 listing every issue. `what` names the
 * part in the detail ("request body", "query string").
 */
export function parseRequest<S extends z.core.$ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw invalidRequest(what, errors);
}

/** The 400 listing `errors` of a request part, the first one in the detail. */
export function invalidRequest(what: string, errors: readonly FieldError[]): InvalidRequestError {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more, listed in errors)` : '';
  const where = first?.path ? `${first.path}: ` : '';
  return new InvalidRequestError(`The ${what} is invalid: ${where}${first?.message ?? 'unknown problem'}${more}.`, errors);
}
