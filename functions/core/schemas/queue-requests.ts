import * as z from 'zod/mini';
import { InvalidQueueNameError } from '../problems.ts';
import { queueSettingRanges, type QueueSettings } from '../queue-settings.ts';
import { integerIn, queryBoolean } from './numbers.ts';

const queueNamePattern = /^[A-Za-z0-9._-]{1,128}$/;

/** The `{name}` path parameter, or a 400 `invalid_queue_name`. */
export function parseQueueName(raw: string | undefined): string {
  if (raw === undefined || !queueNamePattern.test(raw)) throw new InvalidQueueNameError(raw ?? '');
  return raw;
}

const setting = (name: keyof QueueSettings) => {
  const range = queueSettingRanges[name];
  return z._default(integerIn(range.min, range.max), range.default);
};

/** Body of `PUT /v1/queues/{name}`; an empty body declares a queue with every default. */
export const declareQueueBodySchema = z.prefault(
  z.strictObject({
    maxDeliveries: setting('maxDeliveries'),
    visibilityTimeoutSeconds: setting('visibilityTimeoutSeconds'),
    retentionSeconds: setting('retentionSeconds'),
    delaySeconds: setting('delaySeconds'),
  }),
  {},
) satisfies z.ZodMiniType<QueueSettings, unknown>;

/** Query of `DELETE /v1/queues/{name}`. */
export const deleteQueueQuerySchema = z.prefault(z.strictObject({ ifEmpty: z._default(queryBoolean, false) }), {});
