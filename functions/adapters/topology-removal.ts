import { ServiceUnavailableError } from '../core/problems/index.ts';
import type { Binding } from '../core/routing/topology.ts';
import type { BindingRegistry } from './binding-registry.ts';
import { ChangeRejectedError, MAX_CHANGES_PER_WRITE, TopologyMovedError, type TopologyChange, type TopologyWriter } from './topology-writer.ts';

/** Removing an exchange or a queue declaration together with the bindings that lead from or to it. */
export interface Removal {
  /** The transaction action deleting the declaration; its condition fails when it is already gone. */
  readonly declaration: TopologyChange;
  /** Actions that go in the same transaction as the declaration's, after it. */
  readonly alongside?: readonly TopologyChange[];
  /** Whether a binding must go with it. */
  readonly touches: (binding: Binding) => boolean;
  /** Runs on the bindings found before anything is removed; may throw to refuse the removal. */
  readonly precondition?: (bindings: readonly Binding[]) => void;
}

/** Rounds lost to concurrent topology changes before giving up with a 503. */
const MAX_LOST_ROUNDS = 5;

/**
 * Removes the bindings, then the declaration, in transactions that each expect the topology
 * version read before the bindings were listed: a binding made meanwhile moves the version, and
 * the round is repeated with it, so none is left behind pointing at nothing. Large removals take
 * several transactions (at most 99 actions each), the declaration going in the last.
 * @returns false when the declaration was already gone
 */
export async function removeWithBindings(writer: TopologyWriter, bindings: BindingRegistry, removal: Removal): Promise<boolean> {
  for (let lost = 0; lost < MAX_LOST_ROUNDS; ) {
    const version = await writer.version();
    const related = (await bindings.list()).filter(removal.touches);
    removal.precondition?.(related);
    const round = related.slice(0, MAX_CHANGES_PER_WRITE - 1 - (removal.alongside?.length ?? 0));
    const last = round.length === related.length;
    const changes = round.map((binding) => bindings.deleteChange(binding));
    try {
      await writer.write(last ? [...changes, removal.declaration, ...(removal.alongside ?? [])] : changes, { expectedVersion: version });
      if (last) return true;
    } catch (error) {
      if (error instanceof TopologyMovedError) lost++;
      else if (error instanceof ChangeRejectedError && error.index === changes.length) return false;
      else throw error;
    }
  }
  throw new ServiceUnavailableError({ cause: new Error('the topology kept changing during a removal') });
}
