import type { QueueRecord } from '../../adapters/queue-registry.ts';
import { isQueueDeletedRecentlyError, isQueueNameTakenError } from '../../adapters/aws-errors.ts';
import { QueueExistsWithDifferentSettingsError, QueueRecentlyDeletedError } from '../../core/problems.ts';
import { settingsDifferences, type QueueSettings } from '../../core/queue-settings.ts';
import { declareQueueBodySchema, parseQueueName } from '../../core/schemas/queue-requests.ts';
import { parseRequest } from '../../core/validation.ts';
import type { OperationHandler } from '../http.ts';
import type { Services } from '../services.ts';
import { queueView } from './queue-view.ts';

/**
 * `PUT /v1/queues/{name}`: RabbitMQ's queue.declare. Creates the SQS queues (idempotent, so a
 * redeclaration also restores queues a crashed delete removed), then records the declaration with
 * a conditional put: 201 for the first declaration, 200 for an equal one, 409 for another.
 */
export const declareQueue: OperationHandler = async (request, services) => {
  const name = parseQueueName(request.pathParameters.name);
  const settings = parseRequest(declareQueueBodySchema, request.body, 'request body');

  const existing = await services.registry.find(name, { consistent: true });
  if (existing) assertSameSettings(existing, settings);
  const urls = await createSqsQueues(services, name, settings);
  if (existing) return { status: 200, body: queueView(existing) };

  const record: QueueRecord = { name, settings, ...urls, createdAt: services.now().toISOString() };
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

async function createSqsQueues({ naming, admin }: Services, name: string, settings: QueueSettings) {
  const names = naming.namesFor(name);
  try {
    return await admin.create(names, settings, { 'postroom:queue': name });
  } catch (error) {
    // A concurrent declaration with other settings created the SQS queue first (its record is not
    // written yet), or the queue was changed outside Postroom: SQS knows its actual settings.
    if (isQueueNameTakenError(error)) {
      throw new QueueExistsWithDifferentSettingsError(name, settingsDifferences(await admin.settingsOf(names.queue), settings));
    }
    if (isQueueDeletedRecentlyError(error)) throw new QueueRecentlyDeletedError(name);
    throw error;
  }
}
