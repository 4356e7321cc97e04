import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../lambda/local-function.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';
import { scheduleRulesOf } from './schedule-rule.ts';

export interface RunningSchedules {
  /** Stops the timers; resolves once the invocations in flight have ended. */
  stop(): Promise<void>;
}

/** The event EventBridge hands a function its schedule invokes. */
export function scheduledEvent(ruleArn: string, region: string, accountId: string, time: Date) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}

/**
 * Runs the stacks' `rate(...)` rules as EventBridge does: each target function is invoked once a
 * period, the first time one period after the start, asynchronously (a failed run is logged, not
 * retried; the next period runs anyway). `cron(...)` rules and targets that are not local functions
 * get a warning line and do not run.
 */
export function startSchedules(
  stacks: readonly ProvisionedStack[],
  functions: ReadonlyMap<string, LocalFunction>,
  target: { readonly region: string; readonly accountId: string },
  log: (line: string) => void,
): RunningSchedules {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const stack of stacks) {
    for (const rule of scheduleRulesOf(stack)) {
      if (!rule.enabled) continue;
      if (rule.periodMs === undefined) {
        log(`warning: ${rule.logicalId}: only rate(...) schedules run locally; not running ${rule.expression}`);
        continue;
      }
      const ruleArn = `arn:aws:events:${target.region}:${target.accountId}:rule/${stack.stackName}-${rule.logicalId}`;
      for (const name of rule.functionNames) {
        const fn = functions.get(name);
        if (!fn) {
          log(`warning: ${rule.logicalId}: function ${name} does not run locally; not scheduling it`);
          continue;
        }
        const invoke = async () => {
          const result = await fn.invoke(scheduledEvent(ruleArn, target.region, target.accountId, new Date()));
          if (!result.ok) log(`${rule.logicalId}: scheduled run of ${name} failed: ${result.error.errorType}: ${result.error.errorMessage}`);
        };
        const run = () => {
          const invocation = invoke().catch((error: unknown) => log(`${rule.logicalId}: scheduled run of ${name} failed: ${(error as Error).message}`));
          inFlight.add(invocation);
          void invocation.finally(() => inFlight.delete(invocation));
        };
        const timer = setInterval(run, rule.periodMs);
        // A schedule alone does not keep the process alive.
        timer.unref();
        timers.push(timer);
      }
    }
  }
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
