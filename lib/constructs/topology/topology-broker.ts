import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** The broker a piece of static topology belongs to: a PostroomStack. */
export interface IPostroomBroker {
  /** The function that applies the broker's static topology (created on first use). */
  readonly topologyFunction: IFunction;
}
