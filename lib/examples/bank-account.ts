import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { logStreamName } from '../../functions/core/event-store/names.ts';
import { BankAccountEnvironment } from '../../functions/examples/bank-account/environment.ts';
import { ACCOUNTS_STORE, COMMANDS, NOTIFICATIONS_EXCHANGE } from '../../functions/examples/bank-account/names.ts';
import type { Operation } from '../../functions/api/route-table.ts';
import { routeResourcePath } from '../constructs/route-grants.ts';
import { postroomFunction } from '../constructs/postroom-function.ts';
import type { Projection } from '../constructs/projection.ts';
import { postroomSqsQueue } from '../constructs/saga/postroom-sqs-queue.ts';
import type { PostroomStack } from '../postroom-stack.ts';

/** Short: a command is a few API calls, and an RPC caller waits for it. */
const HANDLER_TIMEOUT = Duration.seconds(15);
/** AWS advises a queue's visibility timeout of 6× its consumer's timeout. */
const VISIBILITY_TIMEOUT = Duration.seconds(HANDLER_TIMEOUT.toSeconds() * 6);
/** The event-store routes the command handler calls, on the store `accounts` only. */
const STORE_ROUTES: readonly Operation[] = ['declareEventStore', 'loadState', 'readEvents', 'appendEvents', 'putSnapshot'];

/**
 * The example bank account (README, "Example: a bank account"), event-sourced in the store
 * `accounts`: commands go through the direct exchange `bank.commands` (routing key `account`) to
 * the queue `bank.commands`, whose Lambda handler loads the account (snapshot + events), decides
 * and appends with `expectedVersion`, and replies to RPC callers; the projection `balances` keeps
 * each account's balance; a consumer of the store's log announces large withdrawals on the topic
 * exchange `bank.notifications` (routing key `withdrawal.large`). Functions in functions/examples/bank-account.
 */
export class BankAccount extends Construct {
  readonly balances: Projection;

  constructor(stack: PostroomStack, id: string) {
    super(stack, id);
    const commands = stack.addExchange('CommandsExchange', { exchangeName: COMMANDS, type: 'direct' });
    const queue = stack.addQueue('CommandsQueue', { queueName: COMMANDS, visibilityTimeout: VISIBILITY_TIMEOUT });
    queue.bindTo(commands, { bindingKey: 'account' });
    stack.addExchange('NotificationsExchange', { exchangeName: NOTIFICATIONS_EXCHANGE, type: 'topic' });

    const balances = this.#function('Balances', 'balances.ts');
    this.balances = stack.addProjection('BalancesProjection', { store: ACCOUNTS_STORE, projectionName: 'balances', handler: balances.lambdaFunction, removalPolicy: RemovalPolicy.DESTROY });

    // The command handler and the notifier call the API and handle each message once.
    const apiCaller = { [BankAccountEnvironment.endpoint]: stack.api.endpoint, [BankAccountEnvironment.idempotencyTable]: stack.idempotencyTable.tableName };
    const handler = this.#function('CommandHandler', 'command-handler.ts', { ...apiCaller, [BankAccountEnvironment.balancesTable]: this.balances.table.tableName });
    stack.idempotencyTable.grantReadWriteData(handler.role);
    this.balances.table.grantReadData(handler.lambdaFunction);
    this.#grantRoutes(stack, handler.role, STORE_ROUTES, { store: ACCOUNTS_STORE });
    this.#grantRoutes(stack, handler.role, ['sendReply'], {});
    handler.lambdaFunction.addEventSource(new SqsEventSource(postroomSqsQueue(this, 'CommandsSqsQueue', stack.queueNamePrefix, COMMANDS), { reportBatchItemFailures: true }));
    // The topology function creates the SQS queue; the event source needs it to exist.
    handler.lambdaFunction.node.addDependency(queue);

    const notifier = this.#function('LargeWithdrawals', 'large-withdrawals.ts', apiCaller);
    stack.idempotencyTable.grantReadWriteData(notifier.role);
    this.#grantRoutes(stack, notifier.role, ['publishToExchange'], { name: NOTIFICATIONS_EXCHANGE });
    stack.addStreamConsumer('LargeWithdrawalsConsumer', {
      stream: logStreamName(ACCOUNTS_STORE),
      group: 'bank.large-withdrawals',
      handler: notifier.lambdaFunction,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** One of the example's functions (functions/examples/bank-account/<entry>). */
  #function(id: string, entry: string, environment: Record<string, string> = {}): { lambdaFunction: LambdaFunction; role: Role } {
    return postroomFunction(this, {
      entry: `examples/bank-account/${entry}`,
      idPrefix: id,
      memorySize: 256,
      timeout: HANDLER_TIMEOUT,
      logRetention: RetentionDays.ONE_WEEK,
      // An example's logs are not worth keeping once it is removed.
      logRemovalPolicy: RemovalPolicy.DESTROY,
      environment,
    });
  }

  /** Grants the routes with their parameters fixed; cdk-nag flags the stage's wildcard. */
  #grantRoutes(stack: PostroomStack, role: Role, operations: readonly Operation[], parameters: Record<string, string>): void {
    stack.api.grantRoutes(role, operations, parameters);
    const api = (Stack.of(this).resolve(stack.api.apiId) as { Ref?: string }).Ref;
    for (const operation of operations) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${api}>/*/${routeResourcePath(operation, parameters)}]`,
        reason: 'the API has one stage, $default; the route and its store or exchange are exact',
      });
    }
  }
}
