import { CloudFormationClient, CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../conformance/support/client.ts';
import { postroom } from './support/postroom-cli.ts';

/** The AWS environment of a user whose default credentials reach the account of the stack: here, the tests' emulator. */
const aws = { AWS_ENDPOINT_URL: inject('awsEndpoint'), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
const cloudFormation = new CloudFormationClient({ endpoint: aws.AWS_ENDPOINT_URL, region: aws.AWS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const stackName = uniqueName('Postroom-cli');

afterAll(async () => {
  await cloudFormation.send(new DeleteStackCommand({ StackName: stackName }));
  cloudFormation.destroy();
});

describe('postroom --stack', () => {
  it("finds a deployed stack's API URL from its ApiUrl output, and talks to that API", async () => {
    // A stack with PostroomStack's output, whose URL is the tests' Postroom (API Gateway's URLs end in a slash).
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: stackName,
        TemplateBody: JSON.stringify({
          Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
          Outputs: { ApiUrl: { Value: `${inject('baseUrl')}/` }, MetadataTableName: { Value: 'unused' } },
        }),
      }),
    );

    const url = await postroom(['--stack', stackName, 'stack-url'], { env: aws });
    const queues = await postroom(['--stack', stackName, '--json', 'queues', 'ls'], { env: aws });

    expect(url).toMatchObject({ code: 0, stdout: `${inject('baseUrl')}\n`, stderr: '' });
    expect(queues.code).toBe(0);
    expect(JSON.parse(queues.stdout).queues.map((queue: { name: string }) => queue.name)).toContain('trip.hotel');
  });

  it('says when the stack does not exist, or both --stack and --endpoint are given', async () => {
    const missing = await postroom(['--stack', 'NoSuchStack', 'stack-url'], { env: aws });
    const both = await postroom(['--stack', stackName, '--endpoint', inject('baseUrl'), 'queues', 'ls'], { env: aws });

    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^error: stack NoSuchStack: Stack with id NoSuchStack does not exist\n$/);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toMatch(/option '--stack <name>' cannot be used with option '--endpoint <url>'/);
  });
});
