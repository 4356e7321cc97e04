import type { Binding } from '../../../client/index.ts';
import { client } from '../../api.ts';

/** Levels of exchange-to-exchange bindings the graph follows. */
const MAX_DEPTH = 3;

export interface TopologyNode {
  readonly id: string;
  readonly kind: 'exchange' | 'queue';
  readonly name: string;
  readonly depth: number;
}

export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly bindingKey: string;
}

export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}

export const nodeId = (kind: TopologyNode['kind'], name: string) => `${kind}:${name}`;

/**
 * What an exchange routes to: its bindings, and those of the exchanges bound to it, a few levels
 * deep, each node at the depth it is first reached (so a cycle ends).
 */
export async function readTopology(exchange: string, bindings: readonly Binding[]): Promise<Topology> {
  const nodes = new Map<string, TopologyNode>([[nodeId('exchange', exchange), { id: nodeId('exchange', exchange), kind: 'exchange', name: exchange, depth: 0 }]]);
  const edges: TopologyEdge[] = [];
  let level: Array<{ readonly name: string; readonly bindings: readonly Binding[] }> = [{ name: exchange, bindings }];
  for (let depth = 1; depth <= MAX_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const source of level) {
      for (const binding of source.bindings) {
        const kind = binding.queue === undefined ? 'exchange' : 'queue';
        const name = binding.queue ?? binding.destinationExchange!;
        const id = nodeId(kind, name);
        edges.push({ from: nodeId('exchange', source.name), to: id, bindingKey: binding.bindingKey });
        if (nodes.has(id)) continue;
        nodes.set(id, { id, kind, name, depth });
        if (kind === 'exchange') next.push(name);
      }
    }
    level = depth < MAX_DEPTH ? await Promise.all(next.map(async (name) => ({ name, bindings: await client.exchange(name).bindings() }))) : [];
  }
  return { nodes: [...nodes.values()], edges };
}
