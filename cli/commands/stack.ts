import type { Command } from 'commander';
import { cliOf } from '../context.ts';
import { API_URL_OUTPUT, DEFAULT_STACK, stackApiUrl } from '../stack-url.ts';

export function stackCommands(program: Command): void {
  program
    .command('stack-url')
    .description(`print a deployed stack's API URL (its ${API_URL_OUTPUT} output; --stack, default ${DEFAULT_STACK})`)
    .action(async (_options, command: Command) => {
      const cli = cliOf(command);
      const url = await stackApiUrl(cli.options.stack ?? DEFAULT_STACK);
      cli.out.result({ url }, () => url);
    });
}
