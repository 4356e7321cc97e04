import type { SagaServices } from './saga-services.ts';

/**
 * The saga services, imported on first use: the Step Functions client's initialisation would
 * otherwise add to the cold start of every route, and the API's cold start is at its budget's edge.
 */
export async function loadSagaServices(): Promise<SagaServices> {
  const { getSagaServices } = await import('./saga-services.ts');
  return getSagaServices();
}
