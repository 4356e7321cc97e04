import type { OperationHandler } from '../../http.ts';
import { queueView } from './queue-view.ts';

export const listQueues: OperationHandler = async (_request, { registry }) => {
  const records = await registry.list();
  return { status: 200, body: { queues: records.map(queueView) } };
};
