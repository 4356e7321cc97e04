import type { QueueRecord } from '../../../adapters/queue-registry.ts';

/** How the API shows a declared queue: its name, settings and creation time (never SQS URLs). */
export const queueView = (record: QueueRecord) => ({ name: record.name, ...record.settings, createdAt: record.createdAt });
