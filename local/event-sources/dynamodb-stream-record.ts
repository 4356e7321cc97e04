import type { AttributeValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';

/** A DynamoDB stream record as Lambda's stream poller puts it in the event's Records. */
export function dynamodbStreamRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, Keys, NewImage, OldImage, SequenceNumber, SizeBytes, StreamViewType } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb: {
      // Epoch seconds in the event, a Date from the SDK.
      ...(ApproximateCreationDateTime && { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }),
      ...(Keys && { Keys: image(Keys) }),
      ...(NewImage && { NewImage: image(NewImage) }),
      ...(OldImage && { OldImage: image(OldImage) }),
      SequenceNumber,
      SizeBytes,
      StreamViewType,
    },
    eventSourceARN: streamArn,
  };
}

const image = (item: Record<string, AttributeValue>) => Object.fromEntries(Object.entries(item).map(([name, value]) => [name, attributeValue(value)]));

/** DynamoDB's typed JSON, as the event carries it: binary values base64, maps and lists nested. */
function attributeValue(value: AttributeValue): LambdaAttributeValue {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: image(value.M) };
  if (value.L !== undefined) return { L: value.L.map(attributeValue) };
  return value as LambdaAttributeValue;
}
