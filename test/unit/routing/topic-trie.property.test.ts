import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopicTrie } from '../../../functions/core/routing/topic-trie.ts';
import { rabbitTopicMatches } from './rabbit-trie-match.ts';
import { bindingKey, queueName, routingKey } from './topic-arbitraries.ts';

const byName = (a: string, b: string) => a.localeCompare(b);

describe('Class: TopicTrie (properties)', () => {
  it('matches a single binding key exactly when RabbitMQ trie_match does', () => {
    let matched = 0;
    fc.assert(
      fc.property(bindingKey, routingKey, (pattern, key) => {
        const trie = new TopicTrie<string>();
        trie.add(pattern, 'q');

        const expected = rabbitTopicMatches(pattern, key);

        expect(trie.match(key)).toEqual(expected ? ['q'] : []);
        if (expected) matched++;
      }),
      { numRuns: 5_000 },
    );
    // Both answers are common, so the agreement is not vacuous.
    expect(matched).toBeGreaterThan(500);
    expect(matched).toBeLessThan(4_500);
  });

  it('routes each key of a set of ~50 bindings to the queues whose bindings match it, each once', () => {
    const bindings = fc.array(fc.tuple(bindingKey, queueName), { minLength: 40, maxLength: 60 });
    fc.assert(
      fc.property(bindings, fc.array(routingKey, { minLength: 1, maxLength: 20 }), (pairs, keys) => {
        const trie = new TopicTrie<string>();
        for (const [pattern, queue] of pairs) trie.add(pattern, queue);

        for (const key of keys) {
          const expected = new Set(pairs.filter(([pattern]) => rabbitTopicMatches(pattern, key)).map(([, queue]) => queue));
          expect({ key, queues: trie.match(key).sort(byName) }).toEqual({ key, queues: [...expected].sort(byName) });
        }
      }),
      { numRuns: 300 },
    );
  });
});
