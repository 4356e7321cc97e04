import type { DynamoItem } from '../functions/core/dynamodb-item-size.ts';
import { itemBytes } from '../functions/core/dynamodb-item-size.ts';
import { billedRequests, payloadBytes, planWriteUnits, readCommandUnits, writePlan, type WriteTarget } from './billed-units.ts';

/** The part of an SDK v3 client the counter needs: every client has a middleware stack. */
interface ClientWithMiddleware {
  readonly middlewareStack: {
    add(middleware: (next: (args: any) => Promise<any>, context: { commandName?: string; clientName?: string }) => (args: any) => Promise<any>, options: { step: 'initialize'; name: string }): void;
  };
}

/** What the bill needs beyond call counts, since the last reset. */
export interface BilledUsage {
  /** SQS requests as billed: one per 64 KiB chunk of a call's payload. */
  sqsStandardRequests: number;
  sqsFifoRequests: number;
  /** SNS publish requests as billed, per 64 KB chunk. */
  snsPublishRequests: number;
  /** Messages published to SNS, a PublishBatch entry each: what SNS's publish-rate quota counts. */
  snsMessages: number;
  /** DynamoDB request units, from the sizes of the items written and read (see `UsageOptions`). */
  writeUnits: number;
  readUnits: number;
  /** Bytes of log lines the function wrote (CloudWatch Logs ingests them), as recorded by the caller. */
  logBytes: number;
  /** Durations of the API function's invocations, in ms, as recorded by the caller. */
  readonly invocationMs: number[];
}

export interface CallCounter {
  /** Calls per command name since the last reset, e.g. { SendMessageBatchCommand: 100 }. */
  readonly counts: Map<string, number>;
  /** Present when the counter was asked to meter usage. */
  readonly usage?: BilledUsage;
  total(): number;
  /** Clears the counts and the usage. */
  reset(): void;
}

export interface UsageOptions {
  /**
   * Reads an item as stored, uncounted, for the size of an update (after it) or a delete or
   * condition check (before it): a request does not carry those sizes, and moto answers
   * ReturnConsumedCapacity with a constant, so units come from item sizes instead.
   */
  readonly readItem: (table: string, key: DynamoItem) => Promise<DynamoItem | undefined>;
}

export interface CountOptions {
  /** Counts only the calls made while this holds, e.g. inside one party's AsyncLocalStorage context. */
  readonly when?: () => boolean;
  /** A name of its own for each counter on the same clients: a middleware stack refuses a name twice. */
  readonly name?: string;
  /** Also meter billed usage: SQS/SNS 64 KiB chunks and DynamoDB request units. */
  readonly usage?: UsageOptions;
}

const NO_UNITS = { sqsStandardRequests: 0, sqsFifoRequests: 0, snsPublishRequests: 0, snsMessages: 0, writeUnits: 0, readUnits: 0, logBytes: 0 } as const;

/**
 * Counts AWS API calls by adding an SDK middleware to each client. It sits at the `initialize`
 * step, so an SDK-level retry of one call counts once: the figure is calls the code makes.
 */
export function countCalls(clients: readonly ClientWithMiddleware[], { when = () => true, name = 'postroomBenchCallCounter', usage: usageOptions }: CountOptions = {}): CallCounter {
  const counts = new Map<string, number>();
  const usage: BilledUsage | undefined = usageOptions && { ...NO_UNITS, invocationMs: [] };
  for (const client of clients) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        if (!when()) return next(args);
        counts.set(command, (counts.get(command) ?? 0) + 1);
        if (!usage || !usageOptions) return next(args);
        return meter(usage, usageOptions, context.clientName ?? '', command, args, next);
      },
      { step: 'initialize', name },
    );
  }
  return {
    counts,
    ...(usage && { usage }),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    reset: () => {
      counts.clear();
      if (!usage) return;
      Object.assign(usage, NO_UNITS);
      usage.invocationMs.length = 0;
    },
  };
}

/**
 * Adds what the call bills: SQS and SNS requests per 64 KiB chunk; DynamoDB write units from the
 * sizes of the items written (a write whose condition failed too) and read units from the items
 * returned. Calls of other clients bill nothing here.
 */
async function meter(usage: BilledUsage, { readItem }: UsageOptions, client: string, command: string, args: any, next: (args: any) => Promise<any>): Promise<any> {
  const { input } = args;
  if (client === 'SQSClient' || client === 'SNSClient') {
    const result = await next(args);
    const requests = billedRequests(payloadBytes(command, input, result.output));
    if (client === 'SNSClient') {
      if (command === 'PublishCommand' || command === 'PublishBatchCommand') usage.snsPublishRequests += requests;
      usage.snsMessages += command === 'PublishCommand' ? 1 : command === 'PublishBatchCommand' ? input.PublishBatchRequestEntries.length : 0;
    } else if (String(input.QueueUrl ?? '').endsWith('.fifo')) usage.sqsFifoRequests += requests;
    else usage.sqsStandardRequests += requests;
    return result;
  }
  const plan = writePlan(command, input);
  const sizeOf = async (target: WriteTarget) => ('item' in target ? itemBytes(target.item) : itemBytes((await readItem(target.table, target.key)) ?? {}));
  const before = plan && (await Promise.all(plan.targets.map((target) => ('when' in target && target.when === 'after' ? 0 : sizeOf(target)))));
  const writes = async () => {
    if (!plan || !before) return;
    const sizes = await Promise.all(plan.targets.map((target, index) => ('when' in target && target.when === 'after' ? sizeOf(target) : before[index]!)));
    usage.writeUnits += planWriteUnits(plan, sizes);
  };
  let result;
  try {
    result = await next(args);
  } catch (error) {
    await writes(); // a write whose condition failed is billed all the same
    throw error;
  }
  await writes();
  usage.readUnits += readCommandUnits(command, input, result.output) ?? 0;
  return result;
}
