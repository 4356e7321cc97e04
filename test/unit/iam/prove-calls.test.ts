import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFunctionRoles, type FunctionRole } from '../../../local/iam/function-roles.ts';
import { proveCalls } from '../../support/iam/prove-calls.ts';

const roleArn = 'arn:aws:iam::123456789012:role/Postroom-DispatcherRole';
const streamArn = (label: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/Postroom-Records/stream/${label}`;

/** The dispatcher's role as one provisioning resolved it: its table's stream has the label the emulator gave it. */
const provisioned = (label: string): FunctionRole[] => [
  {
    stackName: 'Postroom',
    logicalId: 'DispatcherRole',
    arn: roleArn,
    functions: ['Dispatcher'],
    managedPolicyArns: [],
    policies: [{ name: 'DispatcherRoleDefaultPolicy', unresolved: [], document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:DescribeStream', Resource: streamArn(label) }] } }],
  },
];

const describeStream = (label: string) => JSON.stringify({ role: roleArn, session: 'Dispatcher', service: 'dynamodbstreams', operation: 'DescribeStream', parameters: { StreamArn: streamArn(label) } });

describe('the IAM proof across provisionings of one stack', () => {
  let directory: string;
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('checks each call against the role as any provisioning resolved it, and still denies what none allows', async () => {
    directory = mkdtempSync(join(tmpdir(), 'postroom-iam-unit-'));
    // Two runtimes of the stack, one after the other: the second's record must not replace the first's.
    writeFunctionRoles(directory, 'Postroom', provisioned('2026-12-01T12:00:00.000'));
    writeFunctionRoles(directory, 'Postroom', provisioned('2026-12-01T12:05:00.000'));
    writeFileSync(join(directory, 'calls.jsonl'), [describeStream('2026-12-01T12:00:00.000'), describeStream('2026-12-01T12:05:00.000'), describeStream('2026-12-01T12:09:00.000'), ''].join('\n'));

    const proof = await proveCalls(directory);

    expect(proof.errors).toEqual([]);
    expect(proof.checked).toBe(3);
    expect(proof.denials.map(({ permission }) => permission.resource)).toEqual([streamArn('2026-12-01T12:09:00.000')]);
    expect(proof.unused).toEqual([]);
  });
});
