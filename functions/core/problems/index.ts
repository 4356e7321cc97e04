/**
 * Postroom's problem catalogue: every error the API answers, one file per domain, each a
 * ProblemError with a stable `code` and the one HTTP status that code always has.
 */
export * from './problem.ts';
export * from './requests.ts';
export * from './queues.ts';
export * from './exchanges.ts';
export * from './streams.ts';
export * from './sagas.ts';
export * from './idempotency.ts';
export * from './rpc.ts';
export * from './event-stores.ts';
export * from './uploads.ts';
