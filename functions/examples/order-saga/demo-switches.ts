import * as z from 'zod/mini';
import { answerLater, type SagaTaskMessage } from '../../consumer/saga-worker.ts';

/**
 * The order saga's demo switches, read from the saga's input: `failAt` fails that step's action,
 * `failCompensation` its compensation, and `ignoreAt` makes that step's worker take the task and
 * never answer, as a worker that crashed would, so that the step times out.
 */
const switchesSchema = z.object({ failAt: z.optional(z.string()), failCompensation: z.optional(z.string()), ignoreAt: z.optional(z.string()) });

export class RequestedFailureError extends Error {
  constructor(message: SagaTaskMessage) {
    super(`the ${message.phase} of step "${message.step}" failed because the order's input asked for it`);
    this.name = 'OrderSaga.RequestedFailure';
  }
}

/**
 * What the saga's input asks of this step's phase, so that every path of the saga can be shown:
 * throws when it asks for a failure, answers `answerLater` (no answer) when it asks for silence,
 * and undefined when the worker should do its work.
 */
export function demoSwitch(message: SagaTaskMessage): typeof answerLater | undefined {
  const switches = switchesSchema.safeParse(message.input);
  if (!switches.success) return undefined;
  const failing = message.phase === 'action' ? switches.data.failAt : switches.data.failCompensation;
  if (failing === message.step) throw new RequestedFailureError(message);
  return message.phase === 'action' && switches.data.ignoreAt === message.step ? answerLater : undefined;
}
