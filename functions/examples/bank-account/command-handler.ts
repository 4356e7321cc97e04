import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { PostroomClient } from '../../../client/postroom-client.ts';
import { documents } from '../../adapters/aws-clients.ts';
import { requiredVariable } from '../../api/config.ts';
import { postroomSqsConsumer } from '../../consumer/sqs-consumer.ts';
import type { PostroomMessage } from '../../consumer/postroom-message.ts';
import { ProblemError, toProblemDocument } from '../../core/problems/problem.ts';
import { parseRequest } from '../../core/validation.ts';
import { accountNotFound, commandSchema, type Command } from './account.ts';
import { AccountStore } from './account-store.ts';
import { BankAccountEnvironment } from './environment.ts';

const balancesTable = requiredVariable(process.env, BankAccountEnvironment.balancesTable);
// Its endpoint is POSTROOM_ENDPOINT: signed with the function's role for a deployed API, unsigned for the local gateway on loopback.
const postroom = new PostroomClient();
const accounts = new AccountStore(postroom.raw);

/** A command's answer, as the reply's body and its `status` header (HTTP's meaning: 200, 201, or a problem's). */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The example's command handler, consuming the queue `bank.commands`: each message is a command
 * (`open`, `deposit`, `withdraw`, `close`) run against the account's event stream, or the query
 * `balance`, read from the balances projection. Sent with `POST /v1/exchanges/bank.commands/rpc`,
 * the answer is the reply; a plain publish runs the command and answers nobody. Each message is
 * handled once (Powertools idempotency on its id), so a redelivery does not deposit twice; and if
 * the handler crashed between its append and the idempotency record's completion, the account
 * knows the message's id from its events' metadata and applies it no second time.
 */
export const handler = postroomSqsConsumer(
  async (message: PostroomMessage) => {
    const answer = await answerTo(message);
    if (message.properties.replyTo !== undefined) await postroom.reply(message.properties, { body: answer.body, headers: { status: answer.status } });
    return answer;
  },
  { tableName: requiredVariable(process.env, BankAccountEnvironment.idempotencyTable), keyPrefix: 'bank.commands' },
);

async function answerTo(message: PostroomMessage): Promise<Answer> {
  try {
    const command = parseRequest(commandSchema, 'body' in message.payload ? message.payload.body : undefined, 'command');
    return await run(command, message.messageId);
  } catch (error) {
    // Refusals and invalid commands are answers; anything else fails the message, for SQS to deliver again.
    if (error instanceof ProblemError) return { status: error.status, body: toProblemDocument(error) };
    throw error;
  }
}

async function run(command: Command, messageId: string): Promise<Answer> {
  if (command.type === 'balance') return { status: 200, body: await projectedBalance(command.accountId) };
  await accounts.declare();
  // A new account's id is the opening message's: unique, and the same if the message comes again.
  const accountId = command.accountId ?? `account-${messageId}`;
  const { account, version } = await accounts.handle({ ...command, accountId, commandId: messageId });
  const { owner, balance, closed } = account;
  return { status: command.type === 'open' ? 201 : 200, body: { accountId, version, owner, balance, closed } };
}

/** The account as the balances projection shows it: eventually consistent with its stream. */
async function projectedBalance(accountId: string) {
  const { Item: item } = await documents.send(new GetCommand({ TableName: balancesTable, Key: { id: accountId } }));
  if (item === undefined) throw accountNotFound(accountId);
  return { accountId, balance: item.balance as number, closed: (item.closed as boolean | undefined) ?? false };
}
