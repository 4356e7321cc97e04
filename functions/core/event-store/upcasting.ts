/** An event as its store's log carries it (a log record's value). */
export interface LoggedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** ISO 8601, UTC. */
  readonly recordedAt: string;
}

/** Lifts one event type's data from a schema version to the next: `(data, event) => data of schemaVersion + 1`. */
export type Upcaster = (data: any, event: LoggedEvent) => unknown;

/**
 * Upcasters by event type and the schema version each lifts from:
 * `{ MoneyDeposited: { 1: (data) => ({ ...data, currency: 'EUR' }) } }` lifts version 1 to 2.
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * The event lifted to its type's current schema version: its upcasters applied one after the
 * other, from its own version on, until there is none for the version reached. Events are
 * immutable in the store; upcasting changes what a reader sees, never what is stored.
 */
export function upcast(event: LoggedEvent, upcasters: Upcasters): LoggedEvent {
  const steps = upcasters[event.type];
  if (steps === undefined) return event;
  let lifted = event;
  for (let step = steps[lifted.schemaVersion]; step !== undefined; step = steps[lifted.schemaVersion]) {
    lifted = { ...lifted, data: step(lifted.data, lifted), schemaVersion: lifted.schemaVersion + 1 };
  }
  return lifted;
}
