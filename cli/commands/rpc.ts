import type { Command } from 'commander';
import { integer, json } from '../arguments.ts';
import { cliOf } from '../context.ts';
import { parseBody } from '../message-input.ts';

export function rpcCommand(program: Command): void {
  program
    .command('rpc <exchange>')
    .description('send a request through an exchange and print the reply (request-reply)')
    .requiredOption('--body <json>', 'the request body (JSON, else a string)', parseBody)
    .option('--routing-key <key>', 'the routing key', '')
    .option('--headers <json>', 'the request headers', json)
    .option('--timeout <ms>', 'how long to wait for the reply (1..25000)', integer, 5000)
    .action(async (name: string, options: { body: unknown; routingKey: string; headers?: Record<string, string | number | boolean | null>; timeout: number }, command: Command) => {
      const cli = cliOf(command);
      const request = { routingKey: options.routingKey, body: options.body, ...(options.headers !== undefined && { headers: options.headers }) };
      const reply = await (await cli.client()).exchange(name).rpc(request, { timeoutMs: options.timeout });
      cli.out.result(reply, () => ('bodyBase64' in reply ? `base64:${reply.bodyBase64}` : JSON.stringify(reply.body)));
    });
}
