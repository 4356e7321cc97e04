import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBrokerApi } from '../broker-api.ts';
import type { PostroomAlarmOptions } from '../monitoring/postroom-alarm.ts';

/** The broker a piece of static topology belongs to: a `Postroom` construct (or the `PostroomStack` around one). */
export interface IPostroomBroker {
  /** The function that applies the broker's static topology (created on first use). */
  readonly topologyFunction: IFunction;
  /** The broker's HTTP API, on whose routes the pieces grant access. */
  readonly api: IBrokerApi;
  /** The prefix of the broker's SQS queue names (and of its sagas' state machines). */
  readonly queueNamePrefix: string;
  /** The customer-managed key the broker's SQS queues are encrypted with, if it has one. */
  readonly encryptionKey?: IKey;
  /**
   * Set when the broker has its default alarms: every queue declared on it then alarms on dead
   * letters with these options.
   */
  readonly defaultAlarms?: Pick<PostroomAlarmOptions, 'topic'>;
}
