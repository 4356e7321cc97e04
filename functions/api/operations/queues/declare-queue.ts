import type { PriorityLevel, QueueRecord } from '../../../adapters/queue-registry.ts';
import { isQueueDeletedRecentlyError, isQueueNameTakenError, isSubscriptionQuotaError } from '../../../adapters/aws-errors.ts';
import { QueueExistsWithDifferentSettingsError, QueueLimitReachedError, QueueRecentlyDeletedError } from '../../../core/problems/index.ts';
import { settingsDifferences, settingsFromSqs, type QueueSettings } from '../../../core/queue-settings.ts';
import { declareQueueBodySchema, parseQueueName } from '../../../core/schemas/queue-requests.ts';
import { fifoQueueNames } from '../../../core/fifo.ts';
import { priorityLevelNames, type SqsQueueNames } from '../../../core/sqs-queue-names.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { Services } from '../../services.ts';
import { queueView } from './queue-view.ts';

/**
 * `PUT /v1/queues/{name}`: RabbitMQ's queue.declare. Creates the SQS queues and subscribes the
 * queue to the fan-out topic (all idempotent, so a redeclaration also restores what a crashed
 * delete removed), then records the declaration with a conditional put: 201 for the first
 * declaration, 200 for an equal one, 409 for another. The record goes last: until it exists, no
 * route leads to the queue, so a crash leaves nothing half-usable.
 */
export const declareQueue: OperationHandler = async (request, services) => {
  const name = parseQueueName(request.pathParameters.name);
  const settings = parseRequest(declareQueueBodySchema, request.body, 'request body');

  const existing = await services.registry.find(name, { consistent: true });
  if (existing) assertSameSettings(existing, settings);
  const { subscriptionArn, priorityLevels, ...urls } = await createQueue(services, name, settings);
  if (existing) {
    // A FIFO queue has no subscription to restore.
    if (subscriptionArn !== undefined && (existing.subscriptionArn !== subscriptionArn || !sameLevels(existing.priorityLevels, priorityLevels))) {
      await services.registry.setSubscription(name, subscriptionArn, priorityLevels);
    }
    return { status: 200, body: queueView(existing) };
  }

  const record: QueueRecord = {
    name,
    settings,
    ...urls,
    ...(subscriptionArn !== undefined && { subscriptionArn }),
    createdAt: services.now().toISOString(),
    ...(priorityLevels && { priorityLevels }),
  };
  const winner = await services.registry.add(record);
  if (winner) {
    assertSameSettings(winner, settings);
    return { status: 200, body: queueView(winner) };
  }
  return { status: 201, body: queueView(record), headers: { location: `/v1/queues/${name}` } };
};

function assertSameSettings(existing: QueueRecord, requested: QueueSettings): void {
  const differences = settingsDifferences(existing.settings, requested);
  if (differences.length > 0) throw new QueueExistsWithDifferentSettingsError(existing.name, differences);
}

const sameLevels = (existing: readonly PriorityLevel[] | undefined, current: readonly PriorityLevel[] | undefined) =>
  JSON.stringify(existing ?? []) === JSON.stringify(current ?? []);

/**
 * The SQS queues, and for the queue and each of its priority levels the policy that lets the topic
 * deliver to it and its subscription, addressed by the level's own target id. A FIFO queue gets no
 * subscription: SNS standard topics cannot deliver to FIFO queues, so exchanges send to it directly.
 */
async function createQueue(services: Services, name: string, settings: QueueSettings) {
  const standardNames = services.naming.namesFor(name);
  const names = settings.fifo ? fifoQueueNames(standardNames) : standardNames;
  const levelNames = Array.from({ length: settings.maxPriority ?? 0 }, (_, index) => priorityLevelNames(names, index + 1));
  const { queueUrl, deadLetterQueueUrl, queueArn, levels } = await createSqsQueues(services, name, names, settings, levelNames.map((level) => level.queue));
  if (settings.fifo) return { queueUrl, deadLetterQueueUrl, subscriptionArn: undefined, priorityLevels: undefined };
  try {
    const [subscriptionArn, ...levelSubscriptions] = await Promise.all(
      [{ queueUrl, queueArn, targetId: names.targetId }, ...levels.map((level, index) => ({ ...level, targetId: levelNames[index]!.targetId }))].map(
        async (target) => {
          await services.admin.allowTopic(target.queueUrl, target.queueArn, services.fanOut.topicArn);
          return services.fanOut.subscribe(target.queueArn, target.targetId);
        },
      ),
    );
    const priorityLevels = settings.maxPriority === undefined
      ? undefined
      : levels.map((level, index): PriorityLevel => ({ queueUrl: level.queueUrl, subscriptionArn: levelSubscriptions[index]! }));
    return { queueUrl, deadLetterQueueUrl, subscriptionArn: subscriptionArn!, priorityLevels };
  } catch (error) {
    // The SQS queues stay without a record, which nothing routes to; declaring again completes them.
    if (isSubscriptionQuotaError(error)) throw new QueueLimitReachedError(name);
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
