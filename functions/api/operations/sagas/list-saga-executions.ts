import { executionStatusFilter, sagaStatus } from '../../../core/sagas/saga-status.ts';
import { listExecutionsQuerySchema, parseSagaName } from '../../../core/schemas/saga-requests.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { loadSagaServices } from '../../saga-services-loader.ts';
import { executionSummary } from './saga-execution-view.ts';

/**
 * `GET /v1/sagas/{name}/executions?status=&max=&nextToken=`: newest first. ListExecutions filters by
 * the execution's status, which COMPENSATED, COMPENSATION_FAILED and FAILED share; so each FAILED
 * execution of a page costs one DescribeExecution for its error, and a page filtered to one of
 * them may hold fewer than `max` executions (follow nextToken for more).
 */
export const listSagaExecutions: OperationHandler = async (request) => {
  const saga = parseSagaName(request.pathParameters.name);
  const query = parseRequest(listExecutionsQuerySchema, request.query, 'query string');
  const { executions } = await loadSagaServices();
  const page = await executions.list(saga, {
    ...(query.status && { statusFilter: executionStatusFilter(query.status) }),
    max: query.max,
    ...(query.nextToken && { nextToken: query.nextToken }),
  });
  const listed = await Promise.all(
    page.executions.map(async (item) => {
      const error = item.status === 'FAILED' ? await executions.errorOf(saga, item) : undefined;
      return executionSummary(item, sagaStatus(item.status ?? 'RUNNING', error));
    }),
  );
  return {
    status: 200,
    body: {
      executions: query.status ? listed.filter((execution) => execution.status === query.status) : listed,
      ...(page.nextToken && { nextToken: page.nextToken }),
    },
  };
};
