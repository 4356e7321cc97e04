import { requiredVariable } from '../api/config.ts';
import type { OutboxDestinationKind } from '../core/outbox.ts';

/** Names of the variables the PostroomOutbox construct gives its relay; both import these. */
export const OutboxRelayEnvironment = {
  endpoint: 'POSTROOM_ENDPOINT',
  table: 'POSTROOM_OUTBOX_TABLE',
  destinationKind: 'POSTROOM_OUTBOX_DESTINATION_KIND',
  destinationName: 'POSTROOM_OUTBOX_DESTINATION_NAME',
} as const;

export interface OutboxRelayConfig {
  readonly endpoint: string;
  readonly table: string;
  readonly destination: { readonly kind: OutboxDestinationKind; readonly name: string };
}

export function readOutboxRelayConfig(environment: NodeJS.ProcessEnv = process.env): OutboxRelayConfig {
  const required = (name: keyof typeof OutboxRelayEnvironment): string => requiredVariable(environment, OutboxRelayEnvironment[name]);
  const kind = required('destinationKind');
  if (kind !== 'exchange' && kind !== 'queue' && kind !== 'stream') throw new Error(`${OutboxRelayEnvironment.destinationKind} must be exchange, queue or stream, got ${kind}`);
  return { endpoint: required('endpoint'), table: required('table'), destination: { kind, name: required('destinationName') } };
}
