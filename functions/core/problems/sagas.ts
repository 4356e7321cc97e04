import { ProblemError } from './problem.ts';

/* Problems of sagas, their executions and tasks. */

export class InvalidSagaNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_saga_name',
      title: 'Invalid saga name',
      detail: `${JSON.stringify(name)} is not a valid saga name: use 1 to 40 letters, digits, '_' or '-'.`,
    });
  }
}

export class SagaNotFoundError extends ProblemError {
  constructor(saga: string) {
    super({
      status: 404,
      code: 'saga_not_found',
      title: 'Saga not found',
      detail: `Saga ${JSON.stringify(saga)} does not exist in this stack; sagas are deployed with the stack (PostroomStack.addSaga).`,
    });
  }
}

export class ExecutionNotFoundError extends ProblemError {
  constructor(saga: string, executionId: string) {
    super({
      status: 404,
      code: 'execution_not_found',
      title: 'Execution not found',
      detail: `Saga ${JSON.stringify(saga)} has no execution ${JSON.stringify(executionId)}; start one with POST /v1/sagas/${saga}/executions.`,
    });
  }
}

/** Step Functions keeps an execution's name for 90 days after it ends, whatever its input. */
export class ExecutionExistsError extends ProblemError {
  constructor(saga: string, executionId: string) {
    super({
      status: 409,
      code: 'execution_exists',
      title: 'Execution exists',
      detail: `Saga ${JSON.stringify(saga)} already has an execution ${JSON.stringify(executionId)} with a different input; an executionId starts one execution only. Use another executionId.`,
    });
  }
}

/** Step Functions' limit on an execution's input and on a task's output. */
export class PayloadTooLargeError extends ProblemError {
  constructor(what: string, bytes: number, limit: number) {
    super({
      status: 413,
      code: 'payload_too_large',
      title: 'Payload too large',
      detail: `The ${what} is ${bytes} bytes once encoded, over Step Functions' limit of ${limit}; nothing was sent. Store large payloads elsewhere and pass a reference.`,
      extensions: { bytes, limit },
    });
  }
}

export class InvalidTaskTokenError extends ProblemError {
  constructor() {
    super({
      status: 400,
      code: 'invalid_task_token',
      title: 'Invalid task token',
      detail: 'The taskToken is not one Step Functions issued (or its task was closed long ago); send the taskToken of the message the worker received.',
    });
  }
}

export class TaskNotFoundError extends ProblemError {
  constructor() {
    super({
      status: 404,
      code: 'task_not_found',
      title: 'Task not found',
      detail: 'The task of this taskToken no longer exists; its execution may have ended. Nothing needs answering.',
    });
  }
}

/** The task was answered already, or its timeout passed and the saga moved on: the answer is too late. */
export class TaskTimedOutError extends ProblemError {
  constructor() {
    super({
      status: 410,
      code: 'task_timed_out',
      title: 'Task timed out',
      detail: 'The task of this taskToken is closed: it was answered already, or it timed out and the saga went on without this answer.',
    });
  }
}
