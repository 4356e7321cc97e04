import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REBUILD_REQUEST_ATTRIBUTE, rebuildRequestKey, rebuildSortKey, type RebuildJob } from '../core/event-store/projection-rebuild.ts';
import { ProjectionRebuildRunningError } from '../core/problems/index.ts';
import { groupsPartition, type StreamIdentity } from '../core/streams/log-keys.ts';
import { isTransactionCanceledError } from './aws-errors.ts';
import type { CommitGuard } from './group-offsets.ts';

/** A request item outlives the DynamoDB stream that carries it (24 hours), then TTL removes it. */
const REQUEST_TTL_SECONDS = 2 * 24 * 3600;

/** `<stream>#<incarnation>#rebuild`: names have no '#'. */
const requestKeyPattern = /^([^#]+)#([^#]+)#rebuild$/;

/**
 * The rebuild a stream record of the records table asks of `group` of the stream named, if it is
 * such a request: the log's identity and the generation to build. The image comes as the Lambda
 * event gives it: DynamoDB's typed JSON.
 */
export function rebuildRequestOf(
  record: { readonly eventName?: string; readonly dynamodb?: { readonly NewImage?: Record<string, unknown> } },
  streamName: string,
  group: string,
): { log: StreamIdentity; generation: number } | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image === undefined) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  const key = typeof item.pk === 'string' ? requestKeyPattern.exec(item.pk) : null;
  if (key === null || key[1] !== streamName || item[REBUILD_REQUEST_ATTRIBUTE] !== group) return undefined;
  return { log: { name: key[1], incarnation: key[2]! }, generation: item.sk as number };
}

const jobKey = (log: StreamIdentity, group: string) => ({ pk: groupsPartition(log), sk: rebuildSortKey(group) });

const toJob = (item: Record<string, unknown>): RebuildJob => ({
  generation: item.generation as number,
  state: item.state as RebuildJob['state'],
  requestedAt: item.requestedAt as number,
  ...(item.finishedAt !== undefined && { finishedAt: item.finishedAt as number }),
  store: { name: item.store as string, incarnation: item.storeIncarnation as string },
  resumeAt: item.resumeAt as number[],
  ...(item.cursor !== undefined && { cursor: JSON.parse(item.cursor as string) as Record<string, unknown> }),
  streams: item.streams as number,
  events: item.events as number,
});

/**
 * Projections' rebuild jobs, one item per log consumer group in the metadata table beside the
 * group's offsets (so a stream's deletion takes them along): the API starts one, the group's
 * dispatcher runs it and records its progress, and every commit of the group's live offsets is
 * guarded by the job it read, so no delivery of an older generation moves the offsets.
 */
export class ProjectionRebuilds {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, metadataTable: string) {
    this.#documents = documents;
    this.#tableName = metadataTable;
  }

  /** The group's latest rebuild (strongly consistent); undefined when it was never rebuilt. */
  async find(log: StreamIdentity, group: string): Promise<RebuildJob | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#tableName, Key: jobKey(log, group), ConsistentRead: true }));
    return Item && toJob(Item);
  }

  /**
   * Starts `job` if the group's latest rebuild is still `previous` and done, and puts the request
   * its dispatcher acts on into the records table, both or neither.
   * @throws ProjectionRebuildRunningError when another rebuild runs (or started since `previous` was read)
   */
  async start(log: StreamIdentity, group: string, job: RebuildJob, previous: RebuildJob | undefined, recordsTable: string, names: { store: string; projection: string }): Promise<void> {
    const { store, cursor: _none, ...rest } = job;
    try {
      await this.#documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.#tableName,
                Item: { ...jobKey(log, group), ...rest, store: store.name, storeIncarnation: store.incarnation },
                ...(previous === undefined
                  ? { ConditionExpression: 'attribute_not_exists(sk)' }
                  : {
                      ConditionExpression: '#generation = :generation AND #state = :done',
                      ExpressionAttributeNames: { '#generation': 'generation', '#state': 'state' },
                      ExpressionAttributeValues: { ':generation': previous.generation, ':done': 'done' },
                    }),
              },
            },
            {
              Put: {
                TableName: recordsTable,
                Item: { pk: rebuildRequestKey(log), sk: job.generation, [REBUILD_REQUEST_ATTRIBUTE]: group, expiresAt: Math.floor(job.requestedAt / 1000) + REQUEST_TTL_SECONDS },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isTransactionCanceledError(error) && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ProjectionRebuildRunningError(names.store, names.projection, job.generation);
      }
      throw error;
    }
  }

  /** Records how far the replay got (fails its condition when the job is no longer this generation's). */
  async progress(log: StreamIdentity, group: string, generation: number, cursor: Record<string, unknown> | undefined, counts: { streams: number; events: number }): Promise<void> {
    await this.#update(log, group, generation, {
      set: { streams: counts.streams, events: counts.events, ...(cursor !== undefined && { cursor: JSON.stringify(cursor) }) },
      remove: cursor === undefined ? ['cursor'] : [],
    });
  }

  async finish(log: StreamIdentity, group: string, generation: number, at: number): Promise<void> {
    await this.#update(log, group, generation, { set: { state: 'done', finishedAt: at }, remove: ['cursor'] });
  }

  /**
   * A commit's guard: the group's rebuild is still the one read (none, or `job` and done), so a
   * dispatcher that read an older generation cannot move the offsets a rebuild has set.
   */
  guard(log: StreamIdentity, group: string, job: RebuildJob | undefined): CommitGuard {
    return job === undefined
      ? { TableName: this.#tableName, Key: jobKey(log, group), ConditionExpression: 'attribute_not_exists(sk)' }
      : {
          TableName: this.#tableName,
          Key: jobKey(log, group),
          ConditionExpression: '#generation = :generation AND #state = :done',
          ExpressionAttributeNames: { '#generation': 'generation', '#state': 'state' },
          ExpressionAttributeValues: { ':generation': job.generation, ':done': 'done' },
        };
  }

  async #update(log: StreamIdentity, group: string, generation: number, change: { set: Record<string, unknown>; remove: string[] }): Promise<void> {
    const names = Object.keys(change.set);
    const clauses = [`SET ${names.map((name, index) => `#s${index} = :s${index}`).join(', ')}`, ...(change.remove.length > 0 ? [`REMOVE ${change.remove.map((_, index) => `#r${index}`).join(', ')}`] : [])];
    await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: jobKey(log, group),
        UpdateExpression: clauses.join(' '),
        ConditionExpression: '#generation = :generation',
        ExpressionAttributeNames: {
          '#generation': 'generation',
          ...Object.fromEntries(names.map((name, index) => [`#s${index}`, name])),
          ...Object.fromEntries(change.remove.map((name, index) => [`#r${index}`, name])),
        },
        ExpressionAttributeValues: { ':generation': generation, ...Object.fromEntries(names.map((name, index) => [`:s${index}`, change.set[name]])) },
      }),
    );
  }
}
