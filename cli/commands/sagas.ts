import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { integer, json } from '../arguments.ts';
import { cliOf } from '../context.ts';
import type { Output } from '../output.ts';
import { untilInterrupted } from '../signals.ts';

/** How often `watch` looks at the execution again. */
const WATCH_POLL_MS = 1000;

/** One entry of an execution's timeline (see the README's "Sagas over HTTP"). */
interface TimelineStep {
  readonly step: string;
  readonly phase: string;
  readonly status: string;
  readonly attempts?: number;
  readonly error?: string;
}

interface Execution {
  readonly executionId: string;
  readonly status: string;
  readonly steps: readonly Record<string, unknown>[];
  readonly [field: string]: unknown;
}

export function sagaCommands(program: Command): void {
  const sagas = program.command('sagas').description('sagas on Step Functions: start, follow and list executions');

  sagas
    .command('ls [saga]')
    .description("the deployed sagas, or one saga's executions, newest first")
    .option('--status <status>', 'only executions with this status (RUNNING, COMPLETED, COMPENSATED, …)')
    .option('--max <n>', 'executions to list (1..100)', integer)
    .action(async (name: string | undefined, options: { status?: string; max?: number }, command: Command) => {
      const cli = cliOf(command);
      const client = await cli.client();
      if (name === undefined) {
        const sagas = await client.sagas.list();
        cli.out.table({ sagas }, sagas, [
          { header: 'NAME', value: (saga) => saga.name },
          { header: 'CREATED', value: (saga) => saga.createdAt },
        ]);
        return;
      }
      const listed = await client.saga(name).list({ status: options.status as never, max: options.max });
      cli.out.table(listed, listed.executions, [
        { header: 'EXECUTION', value: (execution) => execution.executionId },
        { header: 'STATUS', value: (execution) => execution.status },
        { header: 'STARTED', value: (execution) => execution.startedAt },
        { header: 'ENDED', value: (execution) => execution.endedAt },
      ]);
    });

  sagas
    .command('start <saga>')
    .description('start an execution; the same --id with the same input starts nothing new')
    .option('--input <json>', 'the saga input', json, {})
    .option('--id <executionId>', 'the execution id (default: a UUID)')
    .action(async (name: string, options: { input: unknown; id?: string }, command: Command) => {
      const cli = cliOf(command);
      const started = await (await cli.client()).saga(name).start(options.input, { executionId: options.id });
      cli.out.result(started, () => started.executionId);
    });

  sagas
    .command('status <saga> <executionId>')
    .description("an execution's status, input, output or error, and its timeline")
    .action(async (name: string, executionId: string, _options, command: Command) => {
      const cli = cliOf(command);
      const execution = (await (await cli.client()).saga(name).describe(executionId)) as Execution;
      cli.out.result(execution, () => describeExecution(cli.out, execution));
    });

  sagas
    .command('watch <saga> <executionId>')
    .description("follow an execution's timeline until it ends (or Ctrl-C), printing each step as it changes")
    .action(async (name: string, executionId: string, _options, command: Command) => {
      const cli = cliOf(command);
      const saga = (await cli.client()).saga(name);
      const signal = untilInterrupted();
      const shown: string[] = [];
      for (;;) {
        const execution = (await saga.describe(executionId)) as Execution;
        execution.steps.forEach((step, i) => {
          const text = JSON.stringify(step);
          if (shown[i] === text) return;
          shown[i] = text;
          cli.out.result(step, () => stepLine(cli.out, step as unknown as TimelineStep));
        });
        if (execution.status !== 'RUNNING') {
          cli.out.result({ executionId, status: execution.status }, () => `${executionId}: ${execution.status}`);
          return;
        }
        if (!(await sleep(WATCH_POLL_MS, true, { signal }).catch(() => false))) return;
      }
    });
}

function describeExecution(out: Output, execution: Execution): string {
  const { steps, ...fields } = execution;
  return [
    out.formatFields(fields),
    ...steps.map((step) => `  ${stepLine(out, step as unknown as TimelineStep)}`),
  ].join('\n');
}

function stepLine(out: Output, step: TimelineStep): string {
  const colour = step.status === 'succeeded' ? 'green' : step.status === 'running' ? 'yellow' : 'red';
  const attempts = step.attempts !== undefined && step.attempts > 1 ? ` (${step.attempts} attempts)` : '';
  return `${step.step} ${step.phase}: ${out.style(colour, step.status)}${attempts}${step.error ? ` ${step.error}` : ''}`;
}
