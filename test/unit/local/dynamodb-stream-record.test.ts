import { describe, expect, it } from 'vitest';
import { dynamodbStreamRecord } from '../../../local/event-sources/dynamodb-stream-record.ts';

describe('Function: dynamodbStreamRecord', () => {
  it('shapes a GetRecords record as Lambda does: epoch seconds, base64 binaries, the stream ARN', () => {
    const record = dynamodbStreamRecord(
      {
        eventID: 'e1',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: {
          ApproximateCreationDateTime: new Date(1_700_000_000_500),
          Keys: { pk: { S: 'a#b#0' }, sk: { N: '0' } },
          NewImage: { pk: { S: 'a#b#0' }, sk: { N: '0' }, blob: { B: Uint8Array.of(1, 2) }, nested: { M: { list: { L: [{ B: Uint8Array.of(3) }] } } } },
          SequenceNumber: '100',
          SizeBytes: 42,
          StreamViewType: 'NEW_IMAGE',
        },
      },
      'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/label',
    );
    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: 1_700_000_000,
        Keys: { pk: { S: 'a#b#0' }, sk: { N: '0' } },
        NewImage: { pk: { S: 'a#b#0' }, sk: { N: '0' }, blob: { B: 'AQI=' }, nested: { M: { list: { L: [{ B: 'Aw==' }] } } } },
        SequenceNumber: '100',
        SizeBytes: 42,
        StreamViewType: 'NEW_IMAGE',
      },
      eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/label',
    });
  });
});
