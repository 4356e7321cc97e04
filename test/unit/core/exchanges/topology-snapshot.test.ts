import { describe, expect, it } from 'vitest';
import { TopologySnapshot } from '../../../../functions/core/exchanges/topology-snapshot.ts';
import { ExchangeNotFoundError } from '../../../../functions/core/problems/index.ts';

const queue = (name: string) => ({ name, targetId: `id-${name}`, queueUrl: `https://sqs/${name}` });

const snapshot = new TopologySnapshot(7, {
  exchanges: [{ name: 'fan', type: 'fanout' }],
  bindings: [
    { source: 'fan', destination: { queue: 'a' }, bindingKey: '', arguments: {} },
    { source: 'fan', destination: { queue: 'b' }, bindingKey: '', arguments: {} },
    // Never written by Postroom (bindings go with their queue), yet harmless if met.
    { source: 'fan', destination: { queue: 'gone' }, bindingKey: '', arguments: {} },
  ],
  queues: [queue('a'), queue('b')],
});

describe('TopologySnapshot', () => {
  it('routes through the exchanges and reaches only queues that exist', () => {
    expect(snapshot.route({ exchange: 'fan', routingKey: '', headers: {} })).toEqual({ queues: ['a', 'b'], exchanges: ['fan'] });
  });

  it('gives each reached queue its target id and URL', () => {
    expect(snapshot.targetsOf(['b'])).toEqual([queue('b')]);
  });

  it("gives a priority queue's target at the level of the message's priority", () => {
    const levels = [1, 2].map((level) => ({ targetId: `id-p-${level}`, queueUrl: `https://sqs/p-p${level}` }));
    const withLevels = new TopologySnapshot(1, { exchanges: [], bindings: [], queues: [{ ...queue('p'), priorityLevels: levels }] });

    expect(withLevels.targetsOf(['p'])).toEqual([queue('p')]);
    expect(withLevels.targetsOf(['p'], 1)).toEqual([{ name: 'p', ...levels[0] }]);
    expect(withLevels.targetsOf(['p'], 200)).toEqual([{ name: 'p', ...levels[1] }]);
  });

  it('routes the default exchange to the queue named by the routing key', () => {
    expect(snapshot.route({ exchange: '', routingKey: 'a', headers: {} }).queues).toEqual(['a']);
    expect(snapshot.route({ exchange: '', routingKey: 'gone', headers: {} }).queues).toEqual([]);
  });

  it('knows its exchanges, the default one included, and refuses to route through others', () => {
    expect([snapshot.hasExchange(''), snapshot.hasExchange('fan'), snapshot.hasExchange('other')]).toEqual([true, true, false]);
    expect(() => snapshot.route({ exchange: 'other', routingKey: '', headers: {} })).toThrow(ExchangeNotFoundError);
    expect(snapshot.version).toBe(7);
  });
});
