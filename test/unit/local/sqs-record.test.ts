import { describe, expect, it } from 'vitest';
import { sqsRecord } from '../../../local/event-sources/sqs-record.ts';

describe('sqsRecord', () => {
  it('builds the record Lambda hands a function for an SQS message', () => {
    const record = sqsRecord(
      {
        MessageId: 'id-1',
        ReceiptHandle: 'handle-1',
        Body: 'hello',
        MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
        MD5OfMessageAttributes: 'attributes-md5',
        Attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1545082649183', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '1545082649185' },
        MessageAttributes: {
          text: { DataType: 'String', StringValue: 'value' },
          bytes: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) },
        },
      },
      'arn:aws:sqs:eu-west-1:123456789012:work',
      'eu-west-1',
    );
    expect(record).toEqual({
      messageId: 'id-1',
      receiptHandle: 'handle-1',
      body: 'hello',
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1545082649183', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '1545082649185' },
      messageAttributes: {
        text: { stringValue: 'value', stringListValues: [], binaryListValues: [], dataType: 'String' },
        bytes: { binaryValue: 'AQI=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfMessageAttributes: 'attributes-md5',
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:work',
      awsRegion: 'eu-west-1',
    });
  });

  it('gives a message without attributes empty attribute maps', () => {
    const record = sqsRecord({ MessageId: 'id', ReceiptHandle: 'h', Body: 'b', MD5OfBody: 'm' }, 'arn:aws:sqs:us-east-1:1:q', 'us-east-1');
    expect(record.attributes).toEqual({});
    expect(record.messageAttributes).toEqual({});
    expect(record).not.toHaveProperty('md5OfMessageAttributes');
  });
});
