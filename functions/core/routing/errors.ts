import { ProblemError } from '../problem.ts';

/** Publishing to, or routing through, an exchange that does not exist (RabbitMQ: 404 NOT_FOUND). */
export class ExchangeNotFoundError extends ProblemError {
  constructor(name: string) {
    super({
      status: 404,
      code: 'exchange_not_found',
      title: 'Exchange not found',
      detail: `There is no exchange ${JSON.stringify(name)}; declare it before publishing to it.`,
    });
    this.name = 'ExchangeNotFoundError';
  }
}

/**
 * A binding RabbitMQ would refuse (it answers 406 PRECONDITION_FAILED, an AMQP code; over HTTP that
 * is a 400, since HTTP's 406 means something else).
 */
export class InvalidBindingError extends ProblemError {
  constructor(detail: string) {
    super({ status: 400, code: 'invalid_binding', title: 'Invalid binding', detail });
    this.name = 'InvalidBindingError';
  }
}
