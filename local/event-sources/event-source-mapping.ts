import type { ProvisionedStack } from '../resources/provision-stack.ts';
import { type FilterPattern, parseFilterCriteria } from './filter-criteria.ts';

/** An AWS::Lambda::EventSourceMapping with its intrinsics resolved. */
export interface EventSourceMapping {
  readonly logicalId: string;
  readonly sourceArn: string;
  /** The function's name (FunctionName may be a name, an ARN or a partial ARN). */
  readonly functionName: string;
  readonly enabled: boolean;
  /** Undefined: the source type's default. */
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  /** FilterCriteria's patterns: a record reaches the function when any matches; none set, every record does. */
  readonly filters: readonly FilterPattern[];
  /** Streams only: TRIM_HORIZON or LATEST. */
  readonly startingPosition?: string;
}

export function eventSourceMappingsOf(stack: ProvisionedStack): EventSourceMapping[] {
  return [...stack.resources]
    .filter(([, resource]) => resource.type === 'AWS::Lambda::EventSourceMapping')
    .map(([logicalId, resource]) => {
      const property = (name: string) => stack.resolve(resource.definition.Properties?.[name]);
      const batchSize = property('BatchSize');
      return {
        logicalId,
        sourceArn: String(property('EventSourceArn')),
        functionName: functionName(String(property('FunctionName'))),
        enabled: property('Enabled') !== false && property('Enabled') !== 'false',
        batchSize: batchSize === undefined ? undefined : Number(batchSize),
        maximumBatchingWindowSeconds: Number(property('MaximumBatchingWindowInSeconds') ?? 0),
        reportBatchItemFailures: ((property('FunctionResponseTypes') as string[] | undefined) ?? []).includes('ReportBatchItemFailures'),
        filters: filtersOf(logicalId, property('FilterCriteria')),
        startingPosition: property('StartingPosition') as string | undefined,
      };
    });
}

/** Lambda refuses to create a mapping with an invalid pattern, so the local runtime refuses to start. */
function filtersOf(logicalId: string, criteria: unknown): FilterPattern[] {
  try {
    return parseFilterCriteria(criteria);
  } catch (error) {
    throw new Error(`${logicalId}: ${(error as Error).message}`);
  }
}

/** `name`, `name:alias`, `123456789012:function:name`, or a full ARN, to `name`. */
export function functionName(reference: string): string {
  const parts = reference.split(':');
  const functionIndex = parts.indexOf('function');
  return functionIndex >= 0 ? parts[functionIndex + 1]! : parts[0]!;
}
