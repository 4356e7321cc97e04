import type { components } from './api-types.ts';

/** An RFC 9457 problem document, as every Postroom error is answered. */
export type Problem = components['schemas']['Problem'];

/**
 * Thrown for every answer that is not 2xx. Postroom's own errors carry their problem document;
 * the few API Gateway answers itself (`{"message": "Forbidden"}`: IAM, throttling, its 30 s
 * timeout, bodies over 10 MB) get one with the code `gateway_error` and that message as detail.
 *
 * @example
 * ```ts
 * try { await client.queue('orders').describe(); }
 * catch (error) { if (error instanceof PostroomError && error.code === 'queue_not_found') … }
 * ```
 */
export class PostroomError extends Error {
  override readonly name = 'PostroomError';
  readonly status: number;
  /** The problem's stable code, e.g. `queue_not_found`. */
  readonly code: string;
  readonly title: string;
  /** What happened and what to do about it. */
  readonly detail: string;
  /** The whole problem document, with members some codes add (`errors`, `differences`, …). */
  readonly problem: Problem;

  constructor(status: number, body: unknown, statusText = '') {
    const problem = toProblem(status, body, statusText);
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.problem = problem;
  }
}

function toProblem(status: number, body: unknown, statusText: string): Problem {
  if (isRecord(body) && typeof body.code === 'string' && typeof body.detail === 'string') return body as Problem;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : typeof body === 'string' && body !== '' ? body : statusText || `HTTP ${status}`;
  return { type: 'about:blank', title: statusText || message, status, code: 'gateway_error', detail: message };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
