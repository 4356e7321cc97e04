import type { TopologySnapshot } from '../../../core/exchanges/topology-snapshot.ts';
import { ExchangeNotFoundError } from '../../../core/problems/index.ts';
import { exchangeApiName } from '../../../core/exchanges/exchange-names.ts';
import type { Services } from '../../services.ts';

/**
 * The compiled topology to route through `exchange`. An exchange the cached topology does not know
 * may have been declared moments ago by another container: then the topology is read again before
 * answering 404, which costs reads only on that error path.
 * @throws ExchangeNotFoundError
 */
export async function topologyFor(exchange: string, { topology }: Services): Promise<TopologySnapshot> {
  let snapshot = await topology.current();
  if (!snapshot.hasExchange(exchange)) {
    topology.invalidate();
    snapshot = await topology.current();
  }
  if (!snapshot.hasExchange(exchange)) throw new ExchangeNotFoundError(exchangeApiName(exchange));
  return snapshot;
}
