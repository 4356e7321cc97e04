import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiEnvironment } from '../../functions/api/environment.ts';
import { SqsQueueNaming } from '../../functions/core/sqs-queue-names.ts';
import { startMotoServer, type RunningEmulator } from '../../local/index.ts';
import { provisionApiFunction } from '../../testing/api-function.ts';
import { createApiClient } from '../../testing/handler-harness.ts';
import { describeProof, proveCalls } from '../support/iam/prove-calls.ts';

/**
 * The suites' IAM proof catches a missing permission: a variant of the synthesized app whose API
 * role lacks sqs:PurgeQueue, run on an emulator and an IAM log of its own (so that the suite's own
 * proof stays about the real template), is reported with the exact call that needs it.
 */
describe('the IAM proof', () => {
  const work = mkdtempSync(join(tmpdir(), 'postroom-iam-variant-'));
  const assemblyDir = join(work, 'assembly');
  const iamLog = join(work, 'iam');
  let moto: RunningEmulator;
  let prefix: string;
  const suiteLog = process.env.POSTROOM_IAM_LOG;

  beforeAll(async () => {
    cpSync(inject('assemblyDir'), assemblyDir, { recursive: true });
    removeFromApiRole(assemblyDir, 'sqs:PurgeQueue');
    moto = await startMotoServer({ env: { POSTROOM_IAM_LOG: iamLog } });
    process.env.POSTROOM_IAM_LOG = iamLog; // where provisioning writes the roles
    const { api } = await provisionApiFunction({ assemblyDir, endpoint: moto.endpoint, stackName: 'IamVariant' });
    prefix = api.environment[ApiEnvironment.queueNamePrefix]!;
  });

  afterAll(async () => {
    process.env.POSTROOM_IAM_LOG = suiteLog;
    await moto?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('reports a call its role does not allow with the function, the call, the action, the resource and the missing statement', async () => {
    const { handler } = await import('../../functions/api/handler.ts');
    const api = createApiClient(handler);
    expect((await api.put('/v1/queues/orders', {})).status).toBe(201);
    expect((await api.post('/v1/queues/orders/purge')).status).toBe(200); // moto enforces no IAM

    const proof = await proveCalls(iamLog);
    const queueArn = `arn:aws:sqs:us-east-1:123456789012:${new SqsQueueNaming(prefix).namesFor('orders').queue}`;

    expect(proof.errors).toEqual([]);
    expect(proof.denials.map(({ role, call, permission }) => ({ functions: role.functions, operation: `${call.service} ${call.operation}`, ...permission }))).toEqual([
      { functions: [expect.stringMatching(/^ApiFunction/)], operation: 'sqs PurgeQueue', action: 'sqs:PurgeQueue', resource: queueArn },
    ]);
    const report = describeProof(proof);
    expect(report).toMatch(/DENIED: function ApiFunction\w+ \(IamVariant-ApiFunction\w+\) called sqs PurgeQueue \{"QueueUrl":"http:\/\/[^"]+\/Postroom_orders/);
    expect(report).toContain(`missing statement: {"Effect":"Allow","Action":"sqs:PurgeQueue","Resource":"${queueArn}"}`);
    // The calls the role does allow passed: declaring the queue wrote the registry and created SQS queues.
    expect(proof.checked).toBeGreaterThan(proof.denials.length);
  });
});

/** Takes `action` out of every statement of the API role's policies in the assembly's templates. */
function removeFromApiRole(directory: string, action: string): void {
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(directory, file), 'utf8'));
    let removed = 0;
    for (const resource of Object.values<any>(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::IAM::Policy' || !resource.Properties.Roles.some((role: any) => /^ApiRole/.test(role.Ref ?? ''))) continue;
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat();
        if (!actions.includes(action)) continue;
        statement.Action = actions.filter((candidate) => candidate !== action);
        removed++;
      }
    }
    if (removed > 0) writeFileSync(join(directory, file), JSON.stringify(template));
  }
}
