import type { Command } from 'commander';
import { integer } from '../arguments.ts';
import { DEFAULT_CONSOLE_PORT, serveConsole } from '../console-proxy.ts';
import { cliOf } from '../context.ts';
import { untilInterrupted } from '../signals.ts';

export function consoleCommand(program: Command): void {
  program
    .command('console')
    .description(
      `serve the web console on http://127.0.0.1:${DEFAULT_CONSOLE_PORT}/console for the API of --stack or --endpoint, its calls signed with your AWS credentials (SigV4), until Ctrl-C`,
    )
    .option('--port <port>', 'the local port (0 picks a free one)', integer, DEFAULT_CONSOLE_PORT)
    .action(async (options: { port: number }, command: Command) => {
      const cli = cliOf(command);
      const endpoint = await cli.endpoint();
      const stopped = untilInterrupted();
      const proxy = await serveConsole({ endpoint, port: options.port });
      cli.out.result({ url: proxy.url, endpoint }, () => `Console for ${endpoint} on ${proxy.url} (Ctrl-C stops it)`);
      await new Promise((resolve) => stopped.addEventListener('abort', resolve, { once: true }));
      await proxy.close();
    });
}
