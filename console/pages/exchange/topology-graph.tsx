import { href } from '../../routes.ts';
import type { Topology, TopologyNode } from './topology.ts';

const COLUMN = 330;
const ROW = 48;
const NODE_WIDTH = 230;
const NODE_HEIGHT = 30;

/** The topology as columns by depth, exchange → exchanges → queues, each edge labelled with its key. */
export function TopologyGraph({ topology }: { readonly topology: Topology }) {
  const columns = new Map<number, TopologyNode[]>();
  for (const node of topology.nodes) columns.set(node.depth, [...(columns.get(node.depth) ?? []), node]);
  const position = new Map(topology.nodes.map((node) => [node.id, { x: node.depth * COLUMN + 4, y: columns.get(node.depth)!.indexOf(node) * ROW + 4 }]));
  const width = Math.max(...columns.keys()) * COLUMN + NODE_WIDTH + 8;
  const height = Math.max(...[...columns.values()].map((column) => column.length)) * ROW + 8;
  return (
    <svg class="topology" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Routing graph: ${topology.edges.length} bindings`}>
      {topology.edges.map((edge) => {
        const from = position.get(edge.from)!;
        const to = position.get(edge.to)!;
        const [x1, y1, x2, y2] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2, to.x, to.y + NODE_HEIGHT / 2];
        return (
          <g key={`${edge.from}>${edge.to}>${edge.bindingKey}`} class="edge">
            <line x1={x1} y1={y1} x2={x2} y2={y2} />
            <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} text-anchor="middle">
              {edge.bindingKey || '(no key)'}
            </text>
          </g>
        );
      })}
      {topology.nodes.map((node) => {
        const { x, y } = position.get(node.id)!;
        return (
          <a key={node.id} href={node.kind === 'queue' ? href.queue(node.name) : href.exchange(node.name)} class={`node ${node.kind}`}>
            <rect x={x} y={y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={node.kind === 'exchange' ? 4 : 14} />
            <text x={x + NODE_WIDTH / 2} y={y + NODE_HEIGHT / 2 + 4} text-anchor="middle">
              {node.kind === 'exchange' ? '⇶ ' : '▤ '}
              {node.name}
            </text>
          </a>
        );
      })}
    </svg>
  );
}
