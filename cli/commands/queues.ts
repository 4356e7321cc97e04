import type { Command } from 'commander';
import { integer } from '../arguments.ts';
import { cliOf } from '../context.ts';
import { inputLines, sendInBatches } from '../message-input.ts';
import { counted, type Output } from '../output.ts';
import { liveCounter } from '../progress.ts';
import { untilInterrupted } from '../signals.ts';

/** Dead letters moved per redrive request: each stays well within API Gateway's 30 s. */
const REDRIVE_CHUNK = 1000;

/** A received message or dead letter, as the API shows it. */
interface ShownMessage {
  readonly messageId: string;
  readonly body?: unknown;
  readonly bodyBase64?: string;
  readonly deliveryCount?: number;
}

export function queueCommands(program: Command): void {
  const queues = program.command('queues').description('durable queues (RabbitMQ semantics on SQS)');

  queues
    .command('ls')
    .description('list the declared queues')
    .action(async (_options, command: Command) => {
      const cli = cliOf(command);
      const queues = await (await cli.client()).queues.list();
      cli.out.table({ queues }, queues, [
        { header: 'NAME', value: (queue) => queue.name },
        { header: 'FIFO', value: (queue) => (queue.fifo ? 'yes' : '') },
        { header: 'MAX DELIVERIES', value: (queue) => queue.maxDeliveries },
        { header: 'VISIBILITY', value: (queue) => `${queue.visibilityTimeoutSeconds}s` },
        { header: 'CREATED', value: (queue) => queue.createdAt },
      ]);
    });

  queues
    .command('declare <name>')
    .description('declare a queue (idempotent: the same settings again change nothing)')
    .option('--max-deliveries <n>', 'deliveries before a message is dead-lettered (1..1000)', integer)
    .option('--visibility-timeout <seconds>', 'how long a received message stays hidden (0..43200)', integer)
    .option('--retention <seconds>', 'how long a message is kept (60..1209600)', integer)
    .option('--delay <seconds>', 'delivery delay of every message (0..900)', integer)
    .option('--message-ttl <ms>', 'time to live of every message', integer)
    .option('--max-priority <n>', 'priority levels (1..10)', integer)
    .option('--fifo', 'an SQS FIFO queue: order per group, deduplication by messageId')
    .option('--dead-letter-exchange <exchange>', 'where dead messages are republished')
    .option('--dead-letter-routing-key <key>', 'their routing key there')
    .action(async (name: string, options: Record<string, unknown>, command: Command) => {
      const cli = cliOf(command);
      const settings = Object.fromEntries(
        Object.entries({
          maxDeliveries: options.maxDeliveries,
          visibilityTimeoutSeconds: options.visibilityTimeout,
          retentionSeconds: options.retention,
          delaySeconds: options.delay,
          messageTtlMs: options.messageTtl,
          maxPriority: options.maxPriority,
          fifo: options.fifo,
          deadLetterExchange: options.deadLetterExchange,
          deadLetterRoutingKey: options.deadLetterRoutingKey,
        }).filter(([, value]) => value !== undefined),
      );
      cli.out.fields(await (await cli.client()).queue(name).declare(settings));
    });

  queues
    .command('describe <name>')
    .description("a queue's settings and message counts")
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      cli.out.fields(await (await cli.client()).queue(name).describe());
    });

  queues
    .command('delete <name>')
    .description('delete a queue with its messages, dead letters and bindings')
    .option('--if-empty', 'refuse (409 queue_not_empty) while it holds messages')
    .action(async (name: string, options: { ifEmpty?: boolean }, command: Command) => {
      const cli = cliOf(command);
      await (await cli.client()).queue(name).delete({ ifEmpty: options.ifEmpty === true });
      cli.out.result({ deleted: name }, () => `deleted queue ${name}`);
    });

  queues
    .command('purge <name>')
    .description('delete every message of a queue (not its dead letters; once a minute)')
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      const purged = await (await cli.client()).queue(name).purge();
      cli.out.result(purged, ({ purged: counts }) => `purged queue ${name}: ${counts.ready} ready, ${counts.inFlight} in flight, ${counts.delayed} delayed`);
    });

  queues
    .command('publish <name>')
    .description('publish messages: NDJSON from --file or stdin, one message per line as the API takes it ({"body": …, "headers": …}), 100 per request; or one --body')
    .option('--file <path>', 'NDJSON file of messages')
    .option('--body <json>', 'publish one message with this body (JSON, else a string)')
    .action(async (name: string, options: { file?: string; body?: string }, command: Command) => {
      const cli = cliOf(command);
      const queue = (await cli.client()).queue(name);
      const lines = inputLines(options, (body) => ({ body }));
      const messageIds = await sendInBatches(lines, async (messages) => (await queue.publish(messages as never)).messageIds, { verb: 'published', noun: 'message' });
      cli.out.result({ published: messageIds.length, messageIds }, () => `published ${counted(messageIds.length, 'message')} to queue ${name}`);
    });

  queues
    .command('receive <name>')
    .description('receive messages once and print them (left in flight unless --ack)')
    .option('--max <n>', 'messages to receive (1..10)', integer, 10)
    .option('--wait <seconds>', 'long poll up to this long (0..20)', integer, 1)
    .option('--visibility-timeout <seconds>', 'hide them this long instead of the queue setting', integer)
    .option('--ack', 'acknowledge them after printing')
    .action(async (name: string, options: { max: number; wait: number; visibilityTimeout?: number; ack?: boolean }, command: Command) => {
      const cli = cliOf(command);
      const queue = (await cli.client()).queue(name);
      const messages = await queue.receive({ max: options.max, waitSeconds: options.wait, visibilitySeconds: options.visibilityTimeout });
      for (const message of messages) printMessage(cli.out, message);
      if (options.ack && messages.length > 0) await queue.ack(messages);
    });

  queues
    .command('consume <name>')
    .description('print each message as it arrives and ack it after printing, until Ctrl-C (or SIGTERM); then finish, ack and exit 0')
    .option('--concurrency <n>', 'messages handled at once', integer, 1)
    .action(async (name: string, options: { concurrency: number }, command: Command) => {
      const cli = cliOf(command);
      const queue = (await cli.client()).queue(name);
      const progress = liveCounter('consumed', { printsItems: true });
      await queue.consume(
        async (message: ShownMessage) => {
          printMessage(cli.out, message);
          progress.add(1);
        },
        { signal: untilInterrupted(), concurrency: options.concurrency },
      );
      progress.done();
    });

  queues
    .command('dead-letters <name>')
    .description("show a queue's dead letters without removing them")
    .option('--max <n>', 'how many (1..100)', integer, 10)
    .action(async (name: string, options: { max: number }, command: Command) => {
      const cli = cliOf(command);
      const messages = await (await cli.client()).queue(name).deadLetters.peek({ max: options.max });
      for (const message of messages) printMessage(cli.out, message);
    });

  queues
    .command('redrive <name>')
    .description("move a queue's dead letters back to it (all, or --max)")
    .option('--max <n>', 'move at most this many', integer)
    .action(async (name: string, options: { max?: number }, command: Command) => {
      const cli = cliOf(command);
      const deadLetters = (await cli.client()).queue(name).deadLetters;
      const progress = liveCounter('moved');
      let moved = 0;
      // In chunks, so that a long dead-letter queue shows progress and no request runs long.
      for (;;) {
        const asked = Math.min(REDRIVE_CHUNK, (options.max ?? Infinity) - moved);
        if (asked <= 0) break;
        const { moved: now } = await deadLetters.redrive({ max: asked });
        moved += now;
        progress.add(now);
        if (now < asked) break;
      }
      progress.done();
      cli.out.result({ moved }, () => `moved ${counted(moved, 'dead letter')} back to queue ${name}`);
    });
}

/** A message on one line: NDJSON (the message as the API shows it) with --json, else id, deliveries and body. */
function printMessage(out: Output, message: ShownMessage): void {
  out.result(message, () => {
    const deliveries = message.deliveryCount === undefined ? '' : ` ${out.style('dim', `(delivery ${message.deliveryCount})`)}`;
    return `${out.style('cyan', message.messageId)}${deliveries} ${message.bodyBase64 === undefined ? JSON.stringify(message.body) : `base64:${message.bodyBase64}`}`;
  });
}
