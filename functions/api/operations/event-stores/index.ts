// The event-store routes: one family, imported together on the first request for any of them (operations/index.ts).
export { appendEvents } from './append-events.ts';
export { declareEventStore } from './declare-event-store.ts';
export { deleteEventStore } from './delete-event-store.ts';
export { describeEventStore } from './describe-event-store.ts';
export { describeProjection } from './describe-projection.ts';
export { rebuildProjection } from './rebuild-projection.ts';
export { loadState } from './load-state.ts';
export { putSnapshot } from './put-snapshot.ts';
export { readEvents } from './read-events.ts';
export { registerEventSchema } from './register-event-schema.ts';
