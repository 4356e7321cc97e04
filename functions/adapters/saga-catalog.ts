import { paginateListStateMachines, type SFNClient } from '@aws-sdk/client-sfn';
import type { SagaArns } from '../core/sagas/saga-arns.ts';

export interface DeployedSaga {
  readonly name: string;
  /** ISO 8601 */
  readonly createdAt: string | null;
}

/**
 * The sagas deployed with the stack: its state machines named by the saga prefix (see SagaArns).
 * ListStateMachines cannot filter by name, so this lists the region's state machines, a call per
 * 1,000, and keeps the stack's.
 */
export class SagaCatalog {
  readonly #client: SFNClient;
  readonly #arns: SagaArns;

  constructor(client: SFNClient, arns: SagaArns) {
    this.#client = client;
    this.#arns = arns;
  }

  /** In name order. */
  async list(): Promise<DeployedSaga[]> {
    const sagas: DeployedSaga[] = [];
    for await (const page of paginateListStateMachines({ client: this.#client, pageSize: 1000 }, {})) {
      for (const machine of page.stateMachines ?? []) {
        const name = this.#arns.sagaOf(machine.stateMachineArn ?? '');
        if (name !== undefined) sagas.push({ name, createdAt: machine.creationDate?.toISOString() ?? null });
      }
    }
    return sagas.sort((a, b) => (a.name < b.name ? -1 : 1));
  }
}
