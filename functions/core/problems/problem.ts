/**
 * An error that is answered with an RFC 9457 problem document. `code` is the stable, snake_case
 * identifier clients branch on; `detail` is a sentence a person can act on. Its `name` follows
 * from the code (`queue_not_found` → `QueueNotFoundError`), set here once for every problem: the
 * bundles are minified, so class names are not there to read at run time.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  /** Extension members added to the problem document (e.g. `errors`, `differences`). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Response headers the problem calls for (e.g. `retry-after`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    init: { status: number; code: string; title: string; detail: string; extensions?: Record<string, unknown>; headers?: Record<string, string> },
    options?: ErrorOptions,
  ) {
    super(init.detail, options);
    this.name = errorName(init.code);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.extensions = init.extensions ?? {};
    this.headers = init.headers ?? {};
  }

  get detail(): string {
    return this.message;
  }
}

/** `queue_not_found` → `QueueNotFoundError`, `internal_error` → `InternalError`. */
export function errorName(code: string): string {
  const words = code.replace(/_error$/, '').split('_');
  return `${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}Error`;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The problem's `type` URI: a URN, stable without depending on a documentation host. */
export const problemType = (code: string): string => `urn:postroom:problem:${code}`;

/** The JSON body for a problem; `instance` is the request path it happened on. */
export function toProblemDocument(problem: ProblemError, instance?: string): ProblemDocument {
  return {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    ...(instance === undefined ? {} : { instance }),
  };
}
