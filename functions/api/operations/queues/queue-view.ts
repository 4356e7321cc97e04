import type * as z from 'zod/mini';
import type { QueueRecord } from '../../../adapters/queue-registry.ts';
import type { queueViewSchema } from '../../../core/schemas/queue-responses.ts';

/** How the API shows a declared queue: its name, settings and creation time (never SQS URLs). */
export const queueView = (record: QueueRecord): z.infer<typeof queueViewSchema> => ({ name: record.name, ...record.settings, createdAt: record.createdAt });
