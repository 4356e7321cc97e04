import type { QueueRecord } from '../../adapters/queue-registry.ts';
import { isQueueDeletedRecentlyError, isQueueNameTakenError, isSubscriptionQuotaError } from '../../adapters/aws-errors.ts';
import { QueueExistsWithDifferentSettingsError, QueueLimitReachedError, QueueRecentlyDeletedError } from '../../core/problems.ts';
import { settingsDifferences, settingsFromSqs, type QueueSettings } from '../../core/queue-settings.ts';
import { declareQueueBodySchema, parseQueueName } from '../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';
import type { Services } from '../services.ts';
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
  const { subscriptionArn, ...urls } = await createQueue(services, name, settings);
  if (existing) {
    if (existing.subscriptionArn !== subscriptionArn) await services.registry.setSubscription(name, subscriptionArn);
    return { status: 200, body: queueView(existing) };
  }

  const record: QueueRecord = { name, settings, ...urls, subscriptionArn, createdAt: services.now().toISOString() };
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

/** The SQS queues, the policy that lets the topic deliver to the queue, and its subscription. */
async function createQueue(services: Services, name: string, settings: QueueSettings) {
  const { queueUrl, deadLetterQueueUrl, queueArn } = await createSqsQueues(services, name, settings);
  await services.admin.allowTopic(queueUrl, queueArn, services.fanOut.topicArn);
  try {
    const subscriptionArn = await services.fanOut.subscribe(queueArn, services.naming.namesFor(name).targetId);
    return { queueUrl, deadLetterQueueUrl, subscriptionArn };
  } catch (error) {
    // The SQS queues stay without a record, which nothing routes to; declaring again completes them.
    if (isSubscriptionQuotaError(error)) throw new QueueLimitReachedError(name);
    throw error;
  }
}

async function createSqsQueues({ naming, admin }: Services, name: string, settings: QueueSettings) {
  const names = naming.namesFor(name);
  try {
    return await admin.create(names, settings, { 'postroom:queue': name });
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
