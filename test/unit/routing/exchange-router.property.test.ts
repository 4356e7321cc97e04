import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileBindingIndex } from '../../../functions/core/routing/binding-index.ts';
import { ExchangeRouter } from '../../../functions/core/routing/exchange-router.ts';
import { EXCHANGE_TYPES, type Binding, type BindingDestination, type Topology } from '../../../functions/core/routing/topology.ts';
import { rabbitTopicMatches } from './rabbit-trie-match.ts';
import { bindingKey, queueName, routingKey } from './topic-arbitraries.ts';

// A few exchanges, plus names that are bound or published through but never declared.
const exchangeName = fc.constantFrom('x0', 'x1', 'x2', 'x3', 'gone');
const destination: fc.Arbitrary<BindingDestination> = fc.oneof(
  queueName.map((queue) => ({ queue })),
  exchangeName.map((exchange) => ({ exchange })),
);
const headers = fc.dictionary(fc.constantFrom('a', 'b', 'x-c'), fc.constantFrom<string | number | boolean>('1', 1, true));
const binding: fc.Arbitrary<Binding> = fc.record({
  source: exchangeName,
  destination,
  bindingKey,
  arguments: fc.tuple(fc.constantFrom('all', 'any', 'all-with-x', 'any-with-x'), headers).map(([mode, args]) => ({ 'x-match': mode, ...args })),
});
const topology: fc.Arbitrary<Topology> = fc.record({
  exchanges: fc.record({
    x0: fc.record({ type: fc.constantFrom(...EXCHANGE_TYPES) }),
    x1: fc.record({ type: fc.constantFrom(...EXCHANGE_TYPES), alternateExchange: exchangeName }),
    x2: fc.record({ type: fc.constantFrom(...EXCHANGE_TYPES) }),
    x3: fc.record({ type: fc.constantFrom(...EXCHANGE_TYPES), alternateExchange: exchangeName }),
  }),
  bindings: fc.array(binding, { maxLength: 40 }),
});
const message = fc.record({ exchange: fc.constantFrom('x0', 'x1', 'x2', 'x3'), routingKey, headers });

describe('Class: ExchangeRouter (properties)', () => {
  it('delivers at most one copy to each queue and visits each exchange once, whatever the topology', () => {
    fc.assert(
      fc.property(topology, fc.array(message, { minLength: 1, maxLength: 10 }), (snapshot, messages) => {
        const router = new ExchangeRouter(snapshot);

        for (const published of messages) {
          const { queues, exchanges } = router.route(published, () => true);

          expect(queues).toEqual([...new Set(queues)]);
          expect(exchanges).toEqual([...new Set(exchanges)]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('Function: compileBindingIndex (properties)', () => {
  it('answers a topic exchange as filtering its bindings one by one would, in binding order', () => {
    const bindings = fc.array(fc.record({ bindingKey, destination: queueName.map((queue) => ({ queue })), arguments: fc.constant({}) }), {
      minLength: 40,
      maxLength: 60,
    });
    fc.assert(
      fc.property(bindings, fc.array(routingKey, { minLength: 1, maxLength: 20 }), (snapshot, keys) => {
        const index = compileBindingIndex('topic', snapshot);

        for (const key of keys) {
          const expected = snapshot.filter((b) => rabbitTopicMatches(b.bindingKey, key)).map((b) => b.destination);
          expect({ key, destinations: index({ exchange: 'x', routingKey: key, headers: {} }) }).toEqual({ key, destinations: expected });
        }
      }),
      { numRuns: 300 },
    );
  });
});
