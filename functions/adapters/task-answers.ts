import { InvalidToken, SendTaskFailureCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, type SFNClient } from '@aws-sdk/client-sfn';
import { InvalidTaskTokenError, TaskNotFoundError, TaskTimedOutError } from '../core/problems/index.ts';

/** Answers to the tasks Step Functions waits on (`.waitForTaskToken`), on behalf of HTTP workers. */
export class TaskAnswers {
  readonly #client: SFNClient;

  constructor(client: SFNClient) {
    this.#client = client;
  }

  /** `output` is the JSON document the task returns. */
  async succeed(taskToken: string, output: string): Promise<void> {
    await this.#client.send(new SendTaskSuccessCommand({ taskToken, output })).catch(toTaskProblem);
  }

  async fail(taskToken: string, error: string | undefined, cause: string | undefined): Promise<void> {
    await this.#client.send(new SendTaskFailureCommand({ taskToken, error, cause })).catch(toTaskProblem);
  }
}

/** Step Functions' answers to a token that cannot be answered, as the API's problems. */
function toTaskProblem(error: unknown): never {
  if (error instanceof InvalidToken) throw new InvalidTaskTokenError();
  if (error instanceof TaskDoesNotExist) throw new TaskNotFoundError();
  if (error instanceof TaskTimedOut) throw new TaskTimedOutError();
  throw error;
}
