import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalFunction } from '../../../local/lambda/local-function.ts';
import type { ProvisionedStack } from '../../../local/resources/provision-stack.ts';
import { ratePeriodMs, scheduleRulesOf } from '../../../local/schedules/schedule-rule.ts';
import { startSchedules } from '../../../local/schedules/scheduler.ts';

const target = { region: 'us-east-1', accountId: '123456789012' };
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** A provisioned stack of rules, whose properties are already resolved. */
function stackOf(rules: Record<string, Record<string, unknown>>): ProvisionedStack {
  const resources = new Map(Object.entries(rules).map(([logicalId, Properties]) => [logicalId, { type: 'AWS::Events::Rule', definition: { Type: 'AWS::Events::Rule', Properties }, physicalId: logicalId, attributes: {} }]));
  return { stackName: 'Postroom', resources, resolve: (value: unknown) => value } as unknown as ProvisionedStack;
}

function localFunction(result: { ok: boolean; error?: { errorType: string; errorMessage: string } } = { ok: true }) {
  const invoke = vi.fn(async (_event: unknown) => ({ requestId: 'r', payload: null, ...result }));
  return { fn: { invoke } as unknown as LocalFunction, invoke };
}

describe('ratePeriodMs', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(2 hours)', 7_200_000],
    ['rate(1 day)', 86_400_000],
  ])('reads %s', (expression, period) => {
    expect(ratePeriodMs(expression)).toBe(period);
  });

  it.each(['cron(0 12 * * ? *)', 'rate(0 minutes)', 'rate(30 seconds)', 'rate(minute)'])('has no period for %s', (expression) => {
    expect(ratePeriodMs(expression)).toBeUndefined();
  });
});

describe('scheduleRulesOf', () => {
  it('reads scheduled rules with their Lambda targets, and leaves event-pattern rules out', () => {
    const stack = stackOf({
      Lag: { ScheduleExpression: 'rate(1 minute)', State: 'ENABLED', Targets: [{ Arn: arn('lag'), Id: 'Target0' }, { Arn: 'arn:aws:sqs:us-east-1:123456789012:q', Id: 'Target1' }] },
      Off: { ScheduleExpression: 'rate(1 hour)', State: 'DISABLED', Targets: [{ Arn: arn('off'), Id: 'Target0' }] },
      Pattern: { EventPattern: { source: ['aws.s3'] }, Targets: [{ Arn: arn('x'), Id: 'Target0' }] },
    });

    expect(scheduleRulesOf(stack)).toEqual([
      { logicalId: 'Lag', expression: 'rate(1 minute)', periodMs: 60_000, enabled: true, functionNames: ['lag'] },
      { logicalId: 'Off', expression: 'rate(1 hour)', periodMs: 3_600_000, enabled: false, functionNames: ['off'] },
    ]);
  });
});

describe('startSchedules', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('invokes the target once a period, first one period after the start, with a scheduled event', async () => {
    const { fn, invoke } = localFunction();
    const schedules = startSchedules([stackOf({ Lag: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Arn: arn('lag') }] } })], new Map([['lag', fn]]), target, () => undefined);

    await vi.advanceTimersByTimeAsync(59_999);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(60_000);
    await schedules.stop();
    await vi.advanceTimersByTimeAsync(120_000);

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(invoke.mock.calls[0]![0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/Postroom-Lag'],
      detail: {},
    });
  });

  it('logs a failed run and runs again the next period', async () => {
    const { fn, invoke } = localFunction({ ok: false, error: { errorType: 'Error', errorMessage: 'boom' } });
    const lines: string[] = [];
    const schedules = startSchedules([stackOf({ Lag: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Arn: arn('lag') }] } })], new Map([['lag', fn]]), target, (line) => lines.push(line));

    await vi.advanceTimersByTimeAsync(120_000);
    await schedules.stop();

    expect(invoke).toHaveBeenCalledTimes(2);
    expect(lines).toEqual(['Lag: scheduled run of lag failed: Error: boom', 'Lag: scheduled run of lag failed: Error: boom']);
  });

  it('warns about cron schedules and functions that do not run locally, and skips disabled rules silently', async () => {
    const { fn, invoke } = localFunction();
    const lines: string[] = [];
    const schedules = startSchedules(
      [
        stackOf({
          Cron: { ScheduleExpression: 'cron(0 12 * * ? *)', Targets: [{ Arn: arn('lag') }] },
          Elsewhere: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Arn: arn('remote') }] },
          Off: { ScheduleExpression: 'rate(1 minute)', State: 'DISABLED', Targets: [{ Arn: arn('lag') }] },
        }),
      ],
      new Map([['lag', fn]]),
      target,
      (line) => lines.push(line),
    );

    await vi.advanceTimersByTimeAsync(120_000);
    await schedules.stop();

    expect(invoke).not.toHaveBeenCalled();
    expect(lines).toEqual([
      'warning: Cron: only rate(...) schedules run locally; not running cron(0 12 * * ? *)',
      'warning: Elsewhere: function remote does not run locally; not scheduling it',
    ]);
  });
});
