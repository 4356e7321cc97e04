import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { SqsQueueNaming } from '../../../functions/core/sqs-queue-names.ts';

/**
 * The SQS queue behind Postroom queue `queueName`, for services that talk to SQS directly (a state
 * machine's sendMessage, a Lambda event source). Its name follows from the broker's prefix, so it
 * can be referenced before the topology function has created it: depend on the PostroomQueue.
 * Postroom's queues use SQS-managed encryption, so no key grant is needed.
 */
export function postroomSqsQueue(scope: Construct, id: string, queueNamePrefix: string, queueName: string): IQueue {
  const sqsName = new SqsQueueNaming(queueNamePrefix).namesFor(queueName).queue;
  return Queue.fromQueueAttributes(scope, id, {
    queueName: sqsName,
    queueArn: Stack.of(scope).formatArn({ service: 'sqs', resource: sqsName, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
    queueUrl: `https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/${sqsName}`,
  });
}
