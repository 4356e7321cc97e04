import { Option, type Command } from 'commander';
import { json } from '../arguments.ts';
import { cliOf } from '../context.ts';
import { inputLines, sendInBatches } from '../message-input.ts';
import { counted } from '../output.ts';

/** A binding's destination and key, as `bind` and `unbind` take them. */
interface BindingOptions {
  readonly queue?: string;
  readonly toExchange?: string;
  readonly key?: string;
  readonly arguments?: Record<string, string | number | boolean | null>;
}

export function exchangeCommands(program: Command): void {
  const exchanges = program.command('exchanges').description("exchanges and bindings (RabbitMQ's routing)");

  exchanges
    .command('ls')
    .description('list the exchanges, the default one first')
    .action(async (_options, command: Command) => {
      const cli = cliOf(command);
      const exchanges = await (await cli.client()).exchanges.list();
      cli.out.table({ exchanges }, exchanges, [
        { header: 'NAME', value: (exchange) => exchange.name },
        { header: 'TYPE', value: (exchange) => exchange.type },
        { header: 'ALTERNATE', value: (exchange) => exchange.alternateExchange },
        { header: 'CREATED', value: (exchange) => exchange.createdAt },
      ]);
    });

  exchanges
    .command('declare <name>')
    .description('declare an exchange (idempotent)')
    .addOption(new Option('--type <type>', 'routing type').choices(['direct', 'fanout', 'topic', 'headers']).makeOptionMandatory())
    .option('--alternate-exchange <exchange>', 'where what this exchange cannot route goes')
    .action(async (name: string, options: { type: 'direct' | 'fanout' | 'topic' | 'headers'; alternateExchange?: string }, command: Command) => {
      const cli = cliOf(command);
      const settings = { type: options.type, ...(options.alternateExchange !== undefined && { alternateExchange: options.alternateExchange }) };
      cli.out.fields(await (await cli.client()).exchange(name).declare(settings));
    });

  exchanges
    .command('describe <name>')
    .description('an exchange and its bindings')
    .action(async (name: string, _options, command: Command) => {
      const cli = cliOf(command);
      const exchange = (await cli.client()).exchange(name);
      const [view, bindings] = await Promise.all([exchange.describe(), exchange.bindings()]);
      cli.out.fields({ ...view, bindings });
    });

  exchanges
    .command('delete <name>')
    .description('delete an exchange with its bindings')
    .option('--if-unused', 'refuse (409 exchange_in_use) while it is bound')
    .action(async (name: string, options: { ifUnused?: boolean }, command: Command) => {
      const cli = cliOf(command);
      await (await cli.client()).exchange(name).delete({ ifUnused: options.ifUnused === true });
      cli.out.result({ deleted: name }, () => `deleted exchange ${name}`);
    });

  for (const verb of ['bind', 'unbind'] as const) {
    exchanges
      .command(`${verb} <exchange>`)
      .description(verb === 'bind' ? 'bind a queue (or another exchange) to an exchange' : 'remove a binding')
      .option('--queue <queue>', 'the queue to route to')
      .option('--to-exchange <exchange>', 'or the exchange to route to')
      .option('--key <bindingKey>', 'binding key (direct, topic)', '')
      .option('--arguments <json>', 'binding arguments (headers exchanges), e.g. {"x-match": "all", "format": "pdf"}', json)
      .action(async (name: string, options: BindingOptions, command: Command) => {
        const cli = cliOf(command);
        if ((options.queue === undefined) === (options.toExchange === undefined)) command.error('error: give exactly one of --queue and --to-exchange', { exitCode: 2 });
        const binding = {
          ...(options.queue !== undefined ? { queue: options.queue } : { destinationExchange: options.toExchange! }),
          bindingKey: options.key ?? '',
          ...(options.arguments !== undefined && { arguments: options.arguments }),
        };
        const exchange = (await cli.client()).exchange(name);
        await (verb === 'bind' ? exchange.bind(binding) : exchange.unbind(binding));
        const destination = options.queue !== undefined ? `queue ${options.queue}` : `exchange ${options.toExchange}`;
        cli.out.result({ [verb === 'bind' ? 'bound' : 'unbound']: { exchange: name, ...binding } }, () => `${verb === 'bind' ? 'bound' : 'unbound'} ${destination} ${verb === 'bind' ? 'to' : 'from'} exchange ${name} (key "${binding.bindingKey}")`);
      });
  }

  exchanges
    .command('publish <exchange>')
    .description('publish messages: NDJSON from --file or stdin, one message per line as the API takes it ({"routingKey": …, "body": …}), 100 per request; or one --body')
    .option('--file <path>', 'NDJSON file of messages')
    .option('--body <json>', 'publish one message with this body (JSON, else a string)')
    .option('--routing-key <key>', 'the routing key of the --body message', '')
    .option('--headers <json>', 'the headers of the --body message', json)
    .action(async (name: string, options: { file?: string; body?: string; routingKey: string; headers?: Record<string, unknown> }, command: Command) => {
      const cli = cliOf(command);
      const exchange = (await cli.client()).exchange(name);
      const lines = inputLines(options, (body) => ({ routingKey: options.routingKey, body, ...(options.headers !== undefined && { headers: options.headers }) }));
      const results = await sendInBatches(lines, async (messages) => (await exchange.publish(messages as never)).results, { verb: 'published', noun: 'message' });
      const routed = results.filter((result) => result.routedTo > 0).length;
      cli.out.result({ published: results.length, results }, () => `published ${counted(results.length, 'message')} to exchange ${name}; ${routed} reached a queue`);
    });

  exchanges
    .command('route <exchange>')
    .description('which queues a message would reach, and through which exchanges (publishes nothing)')
    .option('--routing-key <key>', 'the routing key', '')
    .option('--headers <json>', 'the message headers', json)
    .action(async (name: string, options: { routingKey: string; headers?: Record<string, string | number | boolean | null> }, command: Command) => {
      const cli = cliOf(command);
      const routes = await (await cli.client()).exchange(name).testRoute({ routingKey: options.routingKey, ...(options.headers !== undefined && { headers: options.headers }) });
      cli.out.fields(routes);
    });
}
