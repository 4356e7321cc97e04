import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { PostroomClient } from '../../client/postroom-client.ts';
import { documents } from '../adapters/aws-clients.ts';
import { readOutboxRelayConfig } from './environment.ts';
import { outboxPublisher } from './outbox-publisher.ts';
import { OutboxRelay } from './outbox-relay.ts';

const config = readOutboxRelayConfig();
// Signed with the function's role for a deployed API, unsigned for the local gateway on loopback.
const postroom = new PostroomClient({ endpoint: config.endpoint });
const relay = new OutboxRelay({ documents, tableName: config.table, publish: outboxPublisher(postroom.raw, config.destination) });

/** A PostroomOutbox's relay: Lambda hands it the outbox table's DynamoDB stream, in order per item. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => relay.relay(event.Records);
