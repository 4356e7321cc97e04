import type { PriorityLevel, QueueRecord } from '../../../adapters/queue-registry.ts';
import { isQueueDeletedRecentlyError, isQueueNameTakenError, isSubscriptionQuotaError, isTopicQuotaError } from '../../../adapters/aws-errors.ts';
import { ChangeRejectedError } from '../../../adapters/topology-writer.ts';
import { placeQueue, slotsFor } from '../../../core/fan-out-shards.ts';
import { QueueExistsWithDifferentSettingsError, QueueLimitReachedError, QueueRecentlyDeletedError, ServiceUnavailableError } from '../../../core/problems/index.ts';
import { settingsDifferences, settingsFromSqs, type QueueSettings } from '../../../core/queue-settings.ts';
import { declareQueueBodySchema, parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { fifoQueueNames } from '../../../core/fifo.ts';
import { priorityLevelNames, type SqsQueueNames } from '../../../core/sqs-queue-names.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { Services } from '../../services.ts';
import { levelSubscriptionArns } from './queue-levels.ts';
import { queueView } from './queue-view.ts';

/** Rounds a declaration may lose to others filling the shard it chose before giving up with a 503. */
const MAX_PLACEMENT_ROUNDS = 20;

/**
 * `PUT /v1/queues/{name}`: RabbitMQ's queue.declare. Creates the SQS queues and subscribes the
 * queue to the topic of a fan-out shard with room (all idempotent, so a redeclaration also restores
 * what a crashed delete removed), then records the declaration with a conditional put that takes
 * the queue's slots in the shard in the same transaction: 201 for the first declaration, 200 for an
 * equal one, 409 for another. The record goes last: until it exists, no route leads to the queue,
 * so a crash leaves nothing half-usable.
 */
export const declareQueue: OperationHandler = async (request, services) => {
  const name = parseQueueName(request.pathParameters.name);
  const settings = parseRequest(declareQueueBodySchema, request.body, 'request body');

  const existing = await services.registry.find(name, { consistent: true });
  if (existing) assertSameSettings(existing, settings);
  const queues = await createQueues(services, name, settings);
  if (existing) {
    // Queues declared before shards existed are on shard 0.
    const { subscriptionArn, priorityLevels } = await subscribeToShard(services, name, queues, existing.fanOutShard ?? 0);
    // A FIFO queue has no subscription to restore.
    if (subscriptionArn !== undefined && (existing.subscriptionArn !== subscriptionArn || !sameLevels(existing.priorityLevels, priorityLevels))) {
      await services.registry.setSubscription(name, subscriptionArn, priorityLevels);
    }
    return { status: 200, body: queueView(existing) };
  }

  for (let round = 0; round < MAX_PLACEMENT_ROUNDS; round++) {
    const shard = settings.fifo ? undefined : await placeQueueInShard(services, name, slotsFor(settings.maxPriority));
    const { subscriptionArn, priorityLevels } = await subscribeToShard(services, name, queues, shard);
    const record: QueueRecord = {
      name,
      settings,
      queueUrl: queues.queueUrl,
      deadLetterQueueUrl: queues.deadLetterQueueUrl,
      ...(subscriptionArn !== undefined && { subscriptionArn }),
      createdAt: services.now().toISOString(),
      ...(priorityLevels && { priorityLevels }),
      ...(shard !== undefined && { fanOutShard: shard }),
    };
    let winner: QueueRecord | undefined;
    try {
      winner = await services.registry.add(record, shard === undefined ? [] : [services.shards.reserveChange(shard, slotsFor(settings.maxPriority))]);
    } catch (error) {
      if (!(error instanceof ChangeRejectedError && error.index === 1)) throw error;
      // Other declarations filled the shard meanwhile; unless one of them was this queue's, place it again.
      winner = await services.registry.find(name, { consistent: true });
      if (!winner) {
        await Promise.all(levelSubscriptionArns(record).map((arn) => services.fanOut.unsubscribe(arn)));
        continue;
      }
    }
    if (winner) {
      // A concurrent declaration of the same queue won, maybe in another shard: only its subscriptions stay.
      const kept = new Set(levelSubscriptionArns(winner));
      await Promise.all(levelSubscriptionArns(record).filter((arn) => !kept.has(arn)).map((arn) => services.fanOut.unsubscribe(arn)));
      assertSameSettings(winner, settings);
      return { status: 200, body: queueView(winner) };
    }
    return { status: 201, body: queueView(record), headers: { location: `/v1/queues/${name}` } };
  }
  throw new ServiceUnavailableError({ cause: new Error(`queue ${name} lost ${MAX_PLACEMENT_ROUNDS} rounds of shard placement`) });
};

function assertSameSettings(existing: QueueRecord, requested: QueueSettings): void {
  const differences = settingsDifferences(existing.settings, requested);
  if (differences.length > 0) throw new QueueExistsWithDifferentSettingsError(existing.name, differences);
}

const sameLevels = (existing: readonly PriorityLevel[] | undefined, current: readonly PriorityLevel[] | undefined) =>
  JSON.stringify(existing ?? []) === JSON.stringify(current ?? []);

/**
 * The shard with room for `slots` subscriptions (see placeQueue), its topic created first when the
 * shard was never used. A shard's item exists once a queue took slots in it, after its topic was
 * created, so a known shard has its topic.
 * @throws QueueLimitReachedError when the queue cannot fit a shard, or no topic can be created
 */
async function placeQueueInShard({ shards, fanOut }: Services, name: string, slots: number): Promise<number> {
  const usage = await shards.usage();
  const shard = placeQueue(usage, slots, shards.capacity);
  if (shard === undefined) throw new QueueLimitReachedError(name, 'shardCapacity');
  if (shard > 0 && !usage.some((known) => known.shard === shard)) {
    try {
      await fanOut.createShard(shard);
    } catch (error) {
      if (isTopicQuotaError(error)) throw new QueueLimitReachedError(name, 'topics');
      throw error;
    }
  }
  return shard;
}

/** The SQS queues of a declaration, each receiving one with the target id the fan-out addresses it by. */
interface DeclaredQueues {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** The queue (level 0) and its priority levels, in order; none for a FIFO queue, which is never subscribed. */
  readonly targets: readonly { readonly queueUrl: string; readonly queueArn: string; readonly targetId: string }[];
}

/** The SQS queues (idempotent for equal settings): the queue, its priority levels and its dead-letter queue. */
async function createQueues(services: Services, name: string, settings: QueueSettings): Promise<DeclaredQueues> {
  const standardNames = services.naming.namesFor(name);
  const names = settings.fifo ? fifoQueueNames(standardNames) : standardNames;
  const levelNames = Array.from({ length: settings.maxPriority ?? 0 }, (_, index) => priorityLevelNames(names, index + 1));
  const { queueUrl, deadLetterQueueUrl, queueArn, levels } = await createSqsQueues(services, name, names, settings, levelNames.map((level) => level.queue));
  // SNS standard topics cannot deliver to FIFO queues, so exchanges send to those directly.
  const targets = settings.fifo
    ? []
    : [{ queueUrl, queueArn, targetId: names.targetId }, ...levels.map((level, index) => ({ ...level, targetId: levelNames[index]!.targetId }))];
  return { queueUrl, deadLetterQueueUrl, targets };
}

/**
 * For the queue and each of its priority levels, the policy that lets the topic of fan-out shard
 * `shard` deliver to it and its subscription there, addressed by the level's own target id. A FIFO
 * queue (`shard` undefined, no targets) gets none.
 */
async function subscribeToShard(services: Services, name: string, queues: DeclaredQueues, shard: number | undefined) {
  const [queue, ...levels] = queues.targets;
  if (shard === undefined || queue === undefined) return { subscriptionArn: undefined, priorityLevels: undefined };
  const topicArn = services.fanOut.topicArnOf(shard);
  try {
    const [subscriptionArn, ...levelSubscriptions] = await Promise.all(
      queues.targets.map(async (target) => {
        await services.admin.allowTopic(target.queueUrl, target.queueArn, topicArn);
        return services.fanOut.subscribe(topicArn, target.queueArn, target.targetId);
      }),
    );
    const priorityLevels = levels.length === 0
      ? undefined
      : levels.map((level, index): PriorityLevel => ({ queueUrl: level.queueUrl, subscriptionArn: levelSubscriptions[index]! }));
    return { subscriptionArn: subscriptionArn!, priorityLevels };
  } catch (error) {
    // The SQS queues stay without a record, which nothing routes to; declaring again completes them.
    if (isSubscriptionQuotaError(error)) throw new QueueLimitReachedError(name, 'filterPolicies');
    throw error;
  }
}

async function createSqsQueues({ admin }: Services, name: string, names: SqsQueueNames, settings: QueueSettings, levelNames: readonly string[]) {
  try {
    return await admin.create(names, settings, { 'postroom:queue': name }, levelNames);
  } catch (error) {
    // A concurrent declaration with other settings created the SQS queue first (its record is not
    // written yet), or the queue was changed outside Postroom: SQS knows its actual settings.
    if (isQueueNameTakenError(error)) {
      const actual = settingsFromSqs(await admin.settingsOf(names.queue), settings);
      throw new QueueExistsWithDifferentSettingsError(name, settingsDifferences(actual, settings));
    }
    if (isQueueDeletedRecentlyError(error)) throw new QueueRecentlyDeletedError(name);
    throw error;
  }
}
