import { ProblemError } from './problem.ts';

/* Problems of exchanges, bindings and routing. */

export class InvalidExchangeNameError extends ProblemError {
  constructor(name: string) {
    super({
      status: 400,
      code: 'invalid_exchange_name',
      title: 'Invalid exchange name',
      detail: `${JSON.stringify(name)} is not a valid exchange name: use 1 to 255 letters, digits, '.', '_', ':' or '-'.`,
    });
  }
}

/** Publishing to, or routing through, an exchange that does not exist (RabbitMQ: 404 NOT_FOUND). */
export class ExchangeNotFoundError extends ProblemError {
  constructor(name: string) {
    super({
      status: 404,
      code: 'exchange_not_found',
      title: 'Exchange not found',
      detail: `There is no exchange ${JSON.stringify(name)}; declare it before publishing to it.`,
    });
  }
}

/**
 * A binding RabbitMQ would refuse (it answers 406 PRECONDITION_FAILED, an AMQP code; over HTTP that
 * is a 400, since HTTP's 406 means something else).
 */
export class InvalidBindingError extends ProblemError {
  constructor(detail: string) {
    super({ status: 400, code: 'invalid_binding', title: 'Invalid binding', detail });
  }
}

/** RabbitMQ's ACCESS_REFUSED: `amq.*` exchanges belong to the broker, and the default exchange takes no bindings. */
export class AccessRefusedError extends ProblemError {
  constructor(detail: string) {
    super({ status: 403, code: 'access_refused', title: 'Access refused', detail });
  }
}

/** One exchange setting whose declared value differs from the requested one (null: not set). */
export interface ExchangeSettingDifference {
  readonly setting: string;
  readonly existing: string | null;
  readonly requested: string | null;
}

export class ExchangeExistsWithDifferentSettingsError extends ProblemError {
  constructor(name: string, differences: readonly ExchangeSettingDifference[]) {
    const listed = differences.map((d) => `${d.setting} is ${JSON.stringify(d.existing)}, not ${JSON.stringify(d.requested)}`).join('; ');
    super({
      status: 409,
      code: 'exchange_exists_with_different_settings',
      title: 'Exchange exists with different settings',
      detail: `Exchange ${JSON.stringify(name)} already exists with different settings (${listed}); declare it with its existing settings, or delete it first.`,
      extensions: { differences },
    });
  }
}

export class ExchangeInUseError extends ProblemError {
  constructor(name: string, bindings: number) {
    super({
      status: 409,
      code: 'exchange_in_use',
      title: 'Exchange in use',
      detail: `Exchange ${JSON.stringify(name)} is the source of ${bindings} binding(s); unbind them, or delete without ifUnused=true.`,
      extensions: { bindings },
    });
  }
}

export class BindingNotFoundError extends ProblemError {
  constructor() {
    super({
      status: 404,
      code: 'binding_not_found',
      title: 'Binding not found',
      detail: 'There is no such binding: a binding is identified by its exchange, destination, binding key and arguments together.',
    });
  }
}

/** A mandatory message that no queue would receive (RabbitMQ returns it with NO_ROUTE). */
export class UnroutableError extends ProblemError {
  constructor(index: number, exchange: string, routingKey: string, messageId: string | undefined) {
    const which = messageId === undefined ? `Message ${index}` : `Message ${index} (${JSON.stringify(messageId)})`;
    super({
      status: 422,
      code: 'unroutable',
      title: 'Unroutable message',
      detail: `${which} is mandatory but routes to no queue from exchange ${JSON.stringify(exchange)} with routing key ${JSON.stringify(routingKey)}; nothing was published. Bind a queue first, or publish it without mandatory.`,
      extensions: { index, exchange, routingKey, ...(messageId !== undefined && { messageId }) },
    });
  }
}
