import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { postroomFunctionCode, prebuiltFunctionCode } from './function-bundling.ts';

export interface PostroomFunctionOptions {
  /** Its entry under functions/, e.g. `api/handler.ts`. */
  readonly entry: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** @default - none (source maps are always enabled) */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Prefix of the children's ids: `<prefix>LogGroup`, `<prefix>Role` and the function's.
   *
   * @default ''
   */
  readonly idPrefix?: string;
  /** @default `<idPrefix>Function` */
  readonly functionId?: string;
  /**
   * X-Ray active tracing of the function (Powertools Tracer: the handler, its AWS SDK calls,
   * annotations); off, the function does not even load the tracer.
   *
   * @default true
   */
  readonly tracing?: boolean;
}

export interface PostroomFunctionParts {
  readonly lambdaFunction: LambdaFunction;
  /** The function's own role: add what else it may do here. */
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/**
 * One of Postroom's own functions, created in `scope`: its prebuilt bundle in an installed package,
 * else bundled from source by the local esbuild (postroomFunctionCode); run with source maps, logging to a group of its own, under a role of its
 * own that may write only there (the default role's AWSLambdaBasicExecutionRole could write to any
 * log group).
 */
export function postroomFunction(scope: Construct, options: PostroomFunctionOptions): PostroomFunctionParts {
  const idPrefix = options.idPrefix ?? '';
  const logGroup = new LogGroup(scope, `${idPrefix}LogGroup`, {
    retention: options.logRetention ?? RetentionDays.ONE_MONTH,
    removalPolicy: options.logRemovalPolicy ?? RemovalPolicy.RETAIN,
  });
  const role = new Role(scope, `${idPrefix}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grants.write(role);
  const id = options.functionId ?? `${idPrefix}Function`;
  const tracing = options.tracing ?? true;
  const settings = {
    memorySize: options.memorySize,
    timeout: options.timeout,
    role,
    logGroup,
    environment: { ...options.environment, NODE_OPTIONS: '--enable-source-maps', ...(!tracing && { POWERTOOLS_TRACE_ENABLED: 'false' }) },
    tracing: tracing ? Tracing.ACTIVE : Tracing.DISABLED,
  };
  const code = prebuiltFunctionCode(options.entry) ?? postroomFunctionCode(options.entry);
  const lambdaFunction = new LambdaFunction(scope, id, { ...code, ...settings });
  if (tracing) {
    // Active tracing grants the role xray:PutTraceSegments and xray:PutTelemetryRecords on *.
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions (Service Authorization Reference)" });
  }
  return { lambdaFunction, role, logGroup };
}
