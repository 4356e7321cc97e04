import type { IPostroomBroker } from '../topology/topology-broker.ts';

/** The broker a saga runs on: a PostroomStack. */
export interface ISagaBroker extends IPostroomBroker {
  /** The prefix of the broker's SQS queue names, which the saga's state machine is named with too. */
  readonly queueNamePrefix: string;
}
