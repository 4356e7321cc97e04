import { functionName } from '../event-sources/event-source-mapping.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';

/** An AWS::Events::Rule that runs on a schedule, with its intrinsics resolved. */
export interface ScheduleRule {
  readonly logicalId: string;
  /** As written, e.g. `rate(1 minute)` or `cron(0 12 * * ? *)`. */
  readonly expression: string;
  /** The period of a `rate(...)` expression; undefined for `cron(...)`, which does not run locally. */
  readonly periodMs?: number;
  readonly enabled: boolean;
  /** The names of the Lambda functions among its targets (other targets do not run locally). */
  readonly functionNames: readonly string[];
}

const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The period of `rate(<n> <unit>)` (minute(s), hour(s), day(s)), as EventBridge reads it; undefined otherwise. */
export function ratePeriodMs(expression: string): number | undefined {
  const match = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/.exec(expression.trim());
  if (!match || Number(match[1]) < 1) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** The stack's scheduled rules: those with a ScheduleExpression (event-pattern rules are left out). */
export function scheduleRulesOf(stack: ProvisionedStack): ScheduleRule[] {
  return [...stack.resources]
    .filter(([, resource]) => resource.type === 'AWS::Events::Rule' && resource.definition.Properties?.ScheduleExpression !== undefined)
    .map(([logicalId, resource]) => {
      const property = (name: string) => stack.resolve(resource.definition.Properties?.[name]);
      const expression = String(property('ScheduleExpression'));
      const targets = (property('Targets') as { Arn?: string }[] | undefined) ?? [];
      return {
        logicalId,
        expression,
        periodMs: ratePeriodMs(expression),
        enabled: (property('State') ?? 'ENABLED') === 'ENABLED',
        functionNames: targets.flatMap(({ Arn }) => (typeof Arn === 'string' && Arn.split(':')[2] === 'lambda' ? [functionName(Arn)] : [])),
      };
    });
}
