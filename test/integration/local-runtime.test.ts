import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AwsClients,
  clientConfig,
  connectAws,
  provisionStack,
  readAssembly,
  startLocalRuntime,
  synthesize,
  type LocalRuntime,
  type ProvisionedStack,
  type StackArtifact,
} from '../../local/index.ts';

// The fixture app (test/fixtures/local-runtime-app.ts) synthesized once with the CDK CLI, run by the
// local runtime against the shared moto server, exercised over real HTTP and real SQS.
const endpoint = inject('awsEndpoint');
const aws = clientConfig({ endpoint, region: 'us-east-1' });
const stackName = `LocalRuntimeTest-${randomBytes(3).toString('hex')}`;
const assemblyDir = mkdtempSync(join(tmpdir(), 'local-runtime-assembly-'));
const warnings: string[] = [];
const requestLog: string[] = [];
let runtime: LocalRuntime;

/** A resource of the provisioned fixture stack, by type (and a predicate when there are several). */
function resource(type: string, where: (properties: Record<string, unknown>) => boolean = () => true) {
  const found = [...runtime.stacks[0]!.resources.values()].find((candidate) => candidate.type === type && where(candidate.definition.Properties ?? {}));
  if (!found) throw new Error(`no ${type} in the fixture stack`);
  return found;
}

async function echo(path: string, init?: RequestInit) {
  const response = await fetch(`${runtime.url}${path}`, init);
  return { response, body: (await response.json()) as { event: any; ran: { startedAt: number; endedAt: number }; context: any; env: Record<string, string> } };
}

/** What the queue worker recorded for a message body: one `receive-<ApproximateReceiveCount> <eventSource>` per delivery. */
async function deliveries(body: string): Promise<string[]> {
  const dynamodb = new DynamoDBClient(aws);
  const { Items = [] } = await dynamodb.send(
    new QueryCommand({ TableName: resource('AWS::DynamoDB::Table').physicalId, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: body } } }),
  );
  dynamodb.destroy();
  return Items.map((item) => `${item.sk!.S} ${item.eventSource!.S}`);
}

beforeAll(async () => {
  await synthesize({ app: 'npx tsx test/fixtures/local-runtime-app.ts', outDir: assemblyDir, context: { stackName } });
  runtime = await startLocalRuntime({
    assemblyDir,
    endpoint,
    port: 0,
    stacks: [stackName],
    log: (line) => warnings.push(line),
    requestLog: (line) => requestLog.push(line),
    functionLogLevel: 'DEBUG',
  });
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(assemblyDir, { recursive: true, force: true });
});

describe('the local runtime', () => {
  it('starts without warnings about the fixture stack', () => {
    expect(warnings).toEqual([]);
    expect([...runtime.functions.values()].map((fn) => fn.definition.logicalId).sort()).toEqual([expect.stringMatching(/^Echo/), expect.stringMatching(/^Worker/)]);
  });

  it('routes by method and path, with path parameters, greedy paths and $default', async () => {
    const cases: Array<[string, string, string, Record<string, string> | undefined]> = [
      ['GET', '/items', 'GET /items', undefined],
      ['POST', '/items', 'POST /items', undefined],
      ['GET', '/items/42', 'GET /items/{id}', { id: '42' }],
      ['GET', '/items/a%20b', 'GET /items/{id}', { id: 'a b' }],
      ['PUT', '/files/a/b.txt', 'ANY /files/{proxy+}', { proxy: 'a/b.txt' }],
      ['DELETE', '/items', '$default', undefined],
      ['GET', '/somewhere/else', '$default', undefined],
    ];
    for (const [method, path, routeKey, pathParameters] of cases) {
      const { response, body } = await echo(path, { method });
      expect(response.status, `${method} ${path}`).toBe(200);
      expect(body.event.routeKey, `${method} ${path}`).toBe(routeKey);
      expect(body.event.pathParameters, `${method} ${path}`).toEqual(pathParameters);
    }
  });

  it('keeps an idle connection longer than HTTP clients keep theirs, so that reusing one is never reset', async () => {
    const { response } = await echo('/items');
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('hands the function the query, headers, cookies and body in a payload 2.0 event', async () => {
    const { body } = await echo('/items?tag=a&tag=b&q=x%20y', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Custom': 'yes', cookie: 'session=abc; theme=dark' },
      body: JSON.stringify({ hello: 'world' }),
    });
    const { event } = body;
    expect(event).toMatchObject({
      version: '2.0',
      rawPath: '/items',
      rawQueryString: 'tag=a&tag=b&q=x%20y',
      queryStringParameters: { tag: 'a,b', q: 'x y' },
      cookies: ['session=abc', 'theme=dark'],
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/items', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' }, stage: '$default', routeKey: 'POST /items' },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-custom': 'yes' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.requestContext.apiId).toBe(resource('AWS::ApiGatewayV2::Api').physicalId);
  });

  it('base64-encodes binary request bodies and decodes binary responses', async () => {
    const { body } = await echo('/items', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 255]) });
    expect(body.event).toMatchObject({ body: Buffer.from([0, 1, 255]).toString('base64'), isBase64Encoded: true });

    const binary = await fetch(`${runtime.url}/files/binary`);
    expect(binary.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('maps status, headers, cookies and body of a response, and plain values to JSON', async () => {
    const special = await fetch(`${runtime.url}/items/special`);
    expect(special.status).toBe(201);
    expect(special.headers.get('x-echo')).toBe('special');
    expect(special.headers.get('content-type')).toBe('text/plain');
    expect(special.headers.getSetCookie()).toEqual(['a=1', 'b=2; Path=/']);
    expect(await special.text()).toBe('special');

    const raw = await fetch(`${runtime.url}/items?respond=raw&value=hi`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/json');
    expect(await raw.json()).toEqual({ echoed: 'hi' });
  });

  it('answers a function error or timeout with 500, as API Gateway does', async () => {
    const failed = await fetch(`${runtime.url}/items?fail=1`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });

    const started = Date.now();
    const timedOut = await fetch(`${runtime.url}/items?sleep=40000`);
    expect(timedOut.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(20_000); // the function's 2 s timeout, far from its 40 s sleep
    expect((await echo('/items')).response.status).toBe(200); // a fresh sandbox takes over
  });

  it('runs invocations of one function concurrently', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => echo('/items?sleep=1500')));
    expect(answers.map(({ response }) => response.status)).toEqual([200, 200, 200, 200, 200]);
    // One after another, no two of them would overlap; concurrently, all five run at one moment.
    const runs = answers.map(({ body }) => body.ran);
    expect(Math.max(...runs.map((run) => run.startedAt))).toBeLessThan(Math.min(...runs.map((run) => run.endedAt)));
  });

  it('logs each request with its method, path, status and duration', async () => {
    const { response } = await echo('/items/7?verbose=1', { method: 'PATCH' });
    expect(response.status).toBe(200);
    expect(requestLog).toContainEqual(expect.stringMatching(/^PATCH \/items\/7\?verbose=1 200 \d+ms$/));
  });

  it('gives the function a Lambda context and its environment, with Refs resolved to the real table', async () => {
    const { body } = await echo('/items');
    const table = resource('AWS::DynamoDB::Table');
    const echoFunction = resource('AWS::Lambda::Function', (properties) => (properties.Environment as any)?.Variables?.GREETING !== undefined);
    expect(body.env).toEqual({
      TABLE_NAME: table.physicalId,
      TABLE_ARN: table.attributes.Arn,
      GREETING: 'hello',
      AWS_LAMBDA_FUNCTION_NAME: echoFunction.physicalId,
      AWS_REGION: 'us-east-1',
      _HANDLER: 'index.handler',
      AWS_LAMBDA_LOG_LEVEL: 'DEBUG',
    });
    expect(body.context).toMatchObject({ functionName: echoFunction.physicalId, memoryLimitInMB: '256', invokedFunctionArn: echoFunction.attributes.Arn });
    expect(body.context.remainingTimeInMillis).toBeGreaterThan(0);
    expect(body.context.remainingTimeInMillis).toBeLessThanOrEqual(2000);
    expect(body.event.requestContext.requestId).not.toBe(body.context.awsRequestId);

    const dynamodb = new DynamoDBClient(aws);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: body.env.TABLE_NAME }));
    expect(Table?.TableArn).toBe(body.env.TABLE_ARN);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const { TimeToLiveDescription } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: body.env.TABLE_NAME }));
    expect(TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    dynamodb.destroy();
  });

  it('runs the SQS event source: deletes successes, redelivers reported failures, then dead-letters them', async () => {
    const sqs = new SQSClient(aws);
    const work = resource('AWS::SQS::Queue', (properties) => properties.RedrivePolicy !== undefined);
    const deadLetters = resource('AWS::SQS::Queue', (properties) => properties.RedrivePolicy === undefined);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: work.physicalId,
        Entries: ['ok-1', 'fail-1', 'ok-2'].map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );

    // maxReceiveCount 2 and a 2 s visibility timeout: two deliveries, then the DLQ.
    let deadLettered: string[] = [];
    for (const deadline = Date.now() + 40_000; deadLettered.length === 0 && Date.now() < deadline; ) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetters.physicalId, WaitTimeSeconds: 5 }));
      deadLettered = Messages.map((message) => message.Body!);
    }
    expect(deadLettered).toEqual(['fail-1']);

    expect(await deliveries('ok-1')).toEqual(['receive-1 aws:sqs']);
    expect(await deliveries('ok-2')).toEqual(['receive-1 aws:sqs']);
    expect(await deliveries('fail-1')).toEqual(['receive-1 aws:sqs', 'receive-2 aws:sqs']);

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: work.physicalId, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    sqs.destroy();
  });
});

describe('provisioning', () => {
  it('runs again over existing resources, bringing changed queue attributes up to date', async () => {
    const [artifact] = readAssembly(assemblyDir).filter((candidate) => candidate.stackName === stackName);
    const workId = [...runtime.stacks[0]!.resources].find(([, resource]) => resource.type === 'AWS::SQS::Queue' && resource.definition.Properties?.RedrivePolicy)![0];
    const withVisibility = (seconds: number): StackArtifact => {
      const template = structuredClone(artifact!.template) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
      template.Resources[workId]!.Properties.VisibilityTimeout = seconds;
      return { ...artifact!, template };
    };
    const clients = new AwsClients(await connectAws(endpoint, 'us-east-1'));
    const sqs = new SQSClient(aws);
    const visibility = async (queueUrl: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }))).Attributes?.VisibilityTimeout;
    try {
      const again = await provisionStack(artifact!, { aws: clients, gatewayUrl: runtime.url, log: (line) => warnings.push(line) });
      const outputs = (stack: ProvisionedStack) => [...stack.resources].map(([id, { physicalId, attributes }]) => [id, physicalId, attributes]);
      expect(outputs(again)).toEqual(outputs(runtime.stacks[0]!));

      const changed = await provisionStack(withVisibility(3), { aws: clients, gatewayUrl: runtime.url, log: () => undefined });
      expect(await visibility(changed.resources.get(workId)!.physicalId)).toBe('3');
      await provisionStack(withVisibility(2), { aws: clients, gatewayUrl: runtime.url, log: () => undefined });
      expect(await visibility(changed.resources.get(workId)!.physicalId)).toBe('2');
    } finally {
      clients.destroy();
      sqs.destroy();
    }
  });
});

describe('start-up failures', () => {
  it('reports a port in use', async () => {
    const port = Number(new URL(runtime.url).port);
    await expect(startLocalRuntime({ assemblyDir, endpoint, port, stacks: [`${stackName}-bare`], log: () => undefined })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use`,
    );
  });

  it('reports a failed synthesis with the app output', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'local-runtime-failed-'));
    try {
      await expect(synthesize({ app: `node -e "console.error('the app is broken'); process.exit(3)"`, outDir })).rejects.toThrow(/cdk synth failed[\s\S]*the app is broken/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('names the stacks an unknown stack name could have meant', async () => {
    await expect(startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: ['Nope'], log: () => undefined })).rejects.toThrow(`no stack named Nope in the app (it has ${stackName}, ${stackName}-bare)`);
  });
});

describe('an HTTP API without a $default route', () => {
  it('answers a request no route matches with 404, as API Gateway does', async () => {
    const bare = await startLocalRuntime({ assemblyDir, endpoint, port: 0, stacks: [`${stackName}-bare`], log: (line) => warnings.push(line) });
    try {
      expect((await fetch(`${bare.url}/hello`)).status).toBe(200);
      for (const [method, path] of [['GET', '/nothing'], ['POST', '/hello'], ['GET', '/hello/']]) {
        const response = await fetch(`${bare.url}${path}`, { method });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await response.json()).toEqual({ message: 'Not Found' });
      }
    } finally {
      await bare.stop();
    }
  });
});

describe('stop()', () => {
  it('closes the server, stops the pollers and ends every sandbox thread', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    const runningThreads = threads();
    const url = runtime.url;
    const functions = [...runtime.functions.values()];
    await runtime.stop();

    await expect(fetch(`${url}/items`)).rejects.toThrow();
    expect(threads()).toBeLessThanOrEqual(runningThreads - functions.length);
    const result = await functions[0]!.invoke({});
    expect(result).toMatchObject({ ok: false, error: { errorMessage: 'the local runtime has stopped' } });

    // A message sent now stays in the queue unprocessed. (A long poll aborted by stop() may still
    // take it on the emulator's side, hiding it for a visibility timeout, as a vanished consumer would.)
    const sqs = new SQSClient(aws);
    const work = resource('AWS::SQS::Queue', (properties) => properties.RedrivePolicy !== undefined);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: work.physicalId, Entries: [{ Id: '1', MessageBody: 'after-stop' }] }));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: work.physicalId, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    expect(Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)).toBe(1);
    expect(await deliveries('after-stop')).toEqual([]);
    sqs.destroy();
  });
});
