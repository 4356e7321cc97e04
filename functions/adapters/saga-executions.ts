import { isDeepStrictEqual } from 'node:util';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  type DescribeExecutionOutput,
  type ExecutionListItem,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { SagaArns } from '../core/sagas/saga-arns.ts';
import type { SagaDocument } from '../core/sagas/saga-contract.ts';
import { ExecutionExistsError, ExecutionNotFoundError, SagaNotFoundError } from '../core/problems/index.ts';
import type { ExecutionStatus } from '../core/sagas/saga-status.ts';
import { invalidRequest } from '../core/validation.ts';

/** The saga's input in an execution's document, without the trace it was started in. */
const sagaInputOf = (document: string | undefined): unknown => (JSON.parse(document ?? 'null') as SagaDocument | null)?.input;

/** A page of ListExecutions. */
export interface ExecutionPage {
  readonly executions: readonly ExecutionListItem[];
  readonly nextToken?: string;
}

/** A saga's executions on Step Functions: one state machine per saga (see SagaArns). */
export class SagaExecutions {
  readonly #client: SFNClient;
  readonly #arns: SagaArns;

  constructor(client: SFNClient, arns: SagaArns) {
    this.#client = client;
    this.#arns = arns;
  }

  /**
   * Starts execution `executionId` with `input` (a JSON document). Step Functions answers a repeat
   * with the same input as a success only while the first run is running; afterwards (and for
   * another input) with ExecutionAlreadyExists. So a repeat is told apart by its stored input:
   * the same saga input is the same start, whatever trace each was sent in; another is a 409.
   */
  async start(saga: string, executionId: string, input: string): Promise<boolean> {
    try {
      await this.#client.send(new StartExecutionCommand({ stateMachineArn: this.#arns.stateMachine(saga), name: executionId, input }));
      return true;
    } catch (error) {
      if (error instanceof StateMachineDoesNotExist) throw new SagaNotFoundError(saga);
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
      const existing = await this.describe(saga, executionId);
      if (!isDeepStrictEqual(sagaInputOf(existing.input), sagaInputOf(input))) throw new ExecutionExistsError(saga, executionId);
      return false;
    }
  }

  async describe(saga: string, executionId: string): Promise<DescribeExecutionOutput> {
    return this.#describeArn(saga, executionId, this.#arns.execution(saga, executionId));
  }

  /** Every event of the execution's history, oldest first. */
  async history(saga: string, executionId: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.#client
        .send(new GetExecutionHistoryCommand({ executionArn: this.#arns.execution(saga, executionId), maxResults: 1000, nextToken }))
        .catch((error: unknown) => {
          throw error instanceof ExecutionDoesNotExist ? new ExecutionNotFoundError(saga, executionId) : error;
        });
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  }

  /** Newest first, as Step Functions lists them. */
  async list(saga: string, options: { statusFilter?: Exclude<ExecutionStatus, 'PENDING_REDRIVE'>; max: number; nextToken?: string }): Promise<ExecutionPage> {
    try {
      const page = await this.#client.send(
        new ListExecutionsCommand({ stateMachineArn: this.#arns.stateMachine(saga), statusFilter: options.statusFilter, maxResults: options.max, nextToken: options.nextToken }),
      );
      return { executions: page.executions ?? [], ...(page.nextToken && { nextToken: page.nextToken }) };
    } catch (error) {
      if (error instanceof StateMachineDoesNotExist) throw new SagaNotFoundError(saga);
      // ListExecutions reports a bad or expired pagination token as InvalidToken.
      if (error instanceof InvalidToken) throw invalidRequest('query string', [{ path: 'nextToken', message: 'is not a nextToken this list returned (or it expired)' }]);
      throw error;
    }
  }

  /** The `error` of a listed execution, which its list item does not carry. */
  async errorOf(saga: string, item: ExecutionListItem): Promise<string | undefined> {
    return (await this.#describeArn(saga, item.name ?? '', item.executionArn)).error;
  }

  async #describeArn(saga: string, executionId: string, executionArn: string | undefined): Promise<DescribeExecutionOutput> {
    try {
      return await this.#client.send(new DescribeExecutionCommand({ executionArn }));
    } catch (error) {
      throw error instanceof ExecutionDoesNotExist ? new ExecutionNotFoundError(saga, executionId) : error;
    }
  }
}
