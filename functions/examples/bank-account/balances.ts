import { requiredVariable } from '../../api/config.ts';
import { postroomProjection } from '../../consumer/projection.ts';
import { evolve, type Account, type AccountEvent } from './account.ts';

/**
 * The example's balances projection: one read-model item per account, `{ id, owner, balance,
 * closed }`, the same fold of its events as the command handler's (so a rebuild gives the same).
 */
export const handler = postroomProjection<Account>({
  // The Projection construct sets it on its function.
  tableName: requiredVariable(process.env, 'POSTROOM_READ_MODEL_TABLE'),
  reduce: (account, event) => readModel(evolve(account, event as unknown as AccountEvent)),
});

/** The read model keeps no command ids: only the command handler decides with them. */
const readModel = ({ appliedCommands, ...account }: Account): Account => account;
