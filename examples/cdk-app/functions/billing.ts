import { postroomStreamConsumer, type PostroomStreamRecord } from 'postroom/consumer';

/** Bills each record of `orders.log` once, however often the dispatcher delivers it. */
export const handler = postroomStreamConsumer(
  async (record: PostroomStreamRecord) => {
    console.log(`billing order ${record.key} (offset ${record.offset} of partition ${record.partition})`);
  },
  { tableName: process.env.IDEMPOTENCY_TABLE! },
);
