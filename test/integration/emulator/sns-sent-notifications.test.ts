import { CreateTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../../local/index.ts';
import { startMotoServer, type RunningEmulator } from '../../../local/emulator/moto-server.ts';
import { residentBytes } from '../../../testing/process-memory.ts';

// emulator/sns_sent_notifications.py: a topic keeps no copy of what was published to it. A moto of
// its own, so that its memory is this file's alone.
const region = 'us-east-1';
let moto: RunningEmulator;
let sns: SNSClient;

beforeAll(async () => {
  moto = await startMotoServer();
  sns = new SNSClient(clientConfig({ endpoint: moto.endpoint, region }));
});

afterAll(async () => {
  sns?.destroy();
  await moto?.stop();
});

describe('SNS publishes on the emulator', () => {
  // 200 publishes of 250 KB: moto 5.2.5 kept all 50 MB; 20 MB leaves room for the allocator only.
  it('leave nothing behind: 200 publishes of 250 KB grow it by < 20 MB', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'published' }));
    const body = 'x'.repeat(250_000);
    await sns.send(new PublishCommand({ TopicArn, Message: body }));
    const before = residentBytes(moto.pid)!;
    for (let i = 0; i < 200; i += 1) await sns.send(new PublishCommand({ TopicArn, Message: `${i}${body}` }));
    expect((residentBytes(moto.pid)! - before) / 2 ** 20).toBeLessThan(20);
  });
});
