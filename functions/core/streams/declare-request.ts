import * as z from 'zod/mini';
import { integerIn } from '../schemas/numbers.ts';
import { streamSettingRanges, type StreamSettings } from './stream-settings.ts';

const { partitions, retentionHours } = streamSettingRanges;

/** Body of `PUT /v1/streams/{name}`: partitions are required, as `kafka-topics --create` needs them. */
export const declareStreamBodySchema = z.strictObject({
  partitions: integerIn(partitions.min, partitions.max),
  retentionHours: z._default(integerIn(retentionHours.min, retentionHours.max), retentionHours.default),
}) satisfies z.ZodMiniType<StreamSettings, unknown>;
