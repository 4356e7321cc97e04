import { documents, sqs } from '../adapters/aws-clients.ts';
import { QueueDirectory } from '../adapters/queue-directory.ts';
import { QueueRegistry } from '../adapters/queue-registry.ts';
import { SqsDeadLetters } from '../adapters/sqs-dead-letters.ts';
import { SqsMessages } from '../adapters/sqs-messages.ts';
import { SqsQueueAdmin } from '../adapters/sqs-queue-admin.ts';
import { SqsQueueNaming } from '../core/sqs-queue-names.ts';
import { readApiConfig } from './config.ts';

/** What operations work with; built once per container, so caches live while it is warm. */
export interface Services {
  readonly naming: SqsQueueNaming;
  readonly registry: QueueRegistry;
  readonly directory: QueueDirectory;
  readonly admin: SqsQueueAdmin;
  readonly messages: SqsMessages;
  readonly deadLetters: SqsDeadLetters;
  readonly now: () => Date;
}

let services: Services | undefined;

/** Composition root: the one place adapters meet the AWS clients and the configuration. */
export function getServices(): Services {
  if (services) return services;
  const config = readApiConfig();
  const registry = new QueueRegistry(documents, config.metadataTable);
  const messages = new SqsMessages(sqs);
  services = {
    naming: new SqsQueueNaming(config.queueNamePrefix),
    registry,
    directory: new QueueDirectory(registry),
    admin: new SqsQueueAdmin(sqs),
    messages,
    deadLetters: new SqsDeadLetters(messages),
    now: () => new Date(),
  };
  return services;
}
