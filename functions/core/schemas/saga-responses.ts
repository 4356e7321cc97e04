import * as z from 'zod/mini';
import { sagaStatuses } from '../sagas/saga-status.ts';
import { isoTime } from './response-fields.ts';

/* Bodies of the saga routes' 2xx responses (functions/api/operations/sagas). */

export const sagaListSchema = z.object({ sagas: z.array(z.object({ name: z.string(), createdAt: z.nullable(isoTime) })) });

export const executionStartedSchema = z.object({ executionId: z.string() });

const executionSummary = {
  executionId: z.string(),
  status: z.enum(sagaStatuses),
  startedAt: isoTime,
  endedAt: z.optional(isoTime),
};

export const executionListSchema = z.object({ executions: z.array(z.object(executionSummary)), nextToken: z.optional(z.string()) });

export const executionDescriptionSchema = z.object({
  ...executionSummary,
  saga: z.string(),
  input: z.unknown(),
  output: z.optional(z.unknown()),
  error: z.optional(z.string()),
  cause: z.optional(z.string()),
  /** The saga's timeline, step by step (see core/sagas/saga-timeline.ts). */
  steps: z.array(z.looseObject({})),
});
