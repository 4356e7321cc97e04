import { ProblemError } from './problem.ts';

/* Problems of request-reply. */

/** No reply came within the request's timeout; the request itself may still be processed. */
export class ReplyTimeoutError extends ProblemError {
  constructor(exchange: string, routingKey: string, timeoutMs: number) {
    super({
      status: 504,
      code: 'reply_timeout',
      title: 'Reply timeout',
      detail: `No reply came within ${timeoutMs} ms to the request published to exchange ${JSON.stringify(exchange)} with routing key ${JSON.stringify(routingKey)}; a reply arriving later is discarded. The request may still be processed: retry only if it is safe to run twice.`,
      extensions: { exchange, routingKey, timeoutMs },
    });
  }
}

/** A request no queue would receive, so no one could answer it (RabbitMQ returns it with NO_ROUTE). */
export class RequestUnroutableError extends ProblemError {
  constructor(exchange: string, routingKey: string) {
    super({
      status: 422,
      code: 'unroutable',
      title: 'Unroutable message',
      detail: `The request routes to no queue from exchange ${JSON.stringify(exchange)} with routing key ${JSON.stringify(routingKey)}, so no responder could receive it; nothing was published. Bind the responders' queue first.`,
      extensions: { exchange, routingKey },
    });
  }
}

/** The caller behind a reply address is no longer waiting: it timed out or already got its reply. */
export class ReplyExpiredError extends ProblemError {
  constructor(replyTo: string) {
    super({
      status: 410,
      code: 'reply_expired',
      title: 'Reply expired',
      detail: `No caller is waiting on ${JSON.stringify(replyTo)} any more (it timed out or already took a reply), so this reply was discarded.`,
      extensions: { replyTo },
    });
  }
}
