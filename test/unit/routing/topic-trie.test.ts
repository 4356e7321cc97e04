import { describe, expect, it } from 'vitest';
import { TopicTrie } from '../../../functions/core/routing/topic-trie.ts';
import { rabbitTopicMatches } from './rabbit-trie-match.ts';
import { pick, seededRandom } from '../../../testing/seeded-random.ts';

function matches(bindingKey: string, routingKey: string): boolean {
  const trie = new TopicTrie<string>();
  trie.add(bindingKey, 'q');
  return trie.match(routingKey).length > 0;
}

describe('Class: TopicTrie', () => {
  // Each row is RabbitMQ behaviour: rabbit_db_topic_exchange splits keys with split_topic_key
  // (<<>> gives no words, every '.' ends a word) and matches them with trie_match.
  it.each([
    // The empty routing key has zero words.
    ['#', '', true, '# matches zero words'],
    ['*', '', false, '* needs exactly one word and "" has none'],
    ['', '', true, 'the empty binding key has zero words too'],
    ['', 'a', false, 'the empty binding key matches only the empty routing key'],
    ['#.#', '', true, 'two #s both match zero words'],
    ['#.#.#', '', true, 'any number of #s match zero words'],
    ['*.#', '', false, 'a * still needs its word'],
    ['#.*.#', '', false, 'a * between #s still needs its word'],
    // Empty words: "a..b", ".a", "a." and "." contain them, and * matches one.
    ['a..b', 'a..b', true, 'an empty word matches an empty word'],
    ['a.*.b', 'a..b', true, '* matches the empty word'],
    ['a.#.b', 'a..b', true, '# matches the empty word'],
    ['a.b', 'a..b', false, '"a..b" has three words'],
    ['*.a', '.a', true, '".a" starts with an empty word'],
    ['a', '.a', false, '".a" has two words'],
    ['#.a', '.a', true, '# swallows the leading empty word'],
    ['a.*', 'a.', true, '"a." ends with an empty word'],
    ['a', 'a.', false, '"a." has two words'],
    ['a.#', 'a.', true, '# swallows the trailing empty word'],
    ['*', '.', false, '"." is two empty words'],
    ['*.*', '.', true, 'one * for each empty word'],
    ['#', '.', true, '# matches the two empty words'],
    // Several #s.
    ['#.#', 'a.b.c', true, '#.# matches like #'],
    ['a.#.#.b', 'a.b', true, 'both #s match zero words'],
    ['a.#.#.b', 'a.x.y.z.b', true, 'the #s share the middle words'],
    ['a.#.#.b', 'a', false, 'the final b is missing'],
    ['a.#.#.b', 'a.b.c', false, 'the key must end with b'],
    ['#.b', 'b', true, 'a leading # matches zero words'],
    ['b.#', 'b', true, 'a trailing # matches zero words'],
    ['*.b', 'b', false, 'a leading * needs a word'],
    // Wildcards only count as whole words of the binding key.
    ['a*', 'ab', false, '* inside a word is literal'],
    ['a*', 'a*', true, '"a*" matches itself'],
    ['#a', 'xa', false, '# inside a word is literal'],
    ['#a', '#a', true, '"#a" matches itself'],
    ['a.#b', 'a.b', false, '"#b" is one literal word'],
    ['a', '*', false, 'a * in the routing key is just a word'],
    ['a.b', 'a.#', false, 'a # in the routing key is just a word'],
    ['#', '*.#', true, 'routing key words are all words to #'],
    ['A', 'a', false, 'words compare case-sensitively'],
  ])('binding key %j against routing key %j gives %s: %s', (bindingKey, routingKey, expected) => {
    expect(matches(bindingKey, routingKey)).toBe(expected);
  });

  // rabbitmq-server deps/rabbit/test/routing_SUITE.erl (topic1): these bindings, and which of them
  // each routing key reaches (before the suite removes any).
  const suiteBindings: Record<string, string> = {
    t1: 'a.b.c', t2: 'a.*.c', t3: 'a.#.b', t4: 'a.b.b.c', t5: '#', t6: '#.#', t7: '#.b', t8: '*.*',
    t9: 'a.*', t10: '*.b.c', t11: 'a.#', t12: 'a.#.#', t13: 'b.b.c', t14: 'a.b.b', t15: 'a.b',
    t16: 'b.c', t17: '', t18: '*.*.*', t19: 'vodka.martini', t20: 'a.b.c', t21: '*.#', t22: '#.*.#',
    t23: '*.#.#', t24: '#.#.#', t25: '*', t26: '#.b.#',
  };
  it.each([
    ['a.b.c', 't1 t2 t5 t6 t10 t11 t12 t18 t20 t21 t22 t23 t24 t26'],
    ['a.b', 't3 t5 t6 t7 t8 t9 t11 t12 t15 t21 t22 t23 t24 t26'],
    ['a.b.b', 't3 t5 t6 t7 t11 t12 t14 t18 t21 t22 t23 t24 t26'],
    ['', 't5 t6 t17 t24'],
    ['b.c.c', 't5 t6 t18 t21 t22 t23 t24 t26'],
    ['a.a.a.a.a', 't5 t6 t11 t12 t21 t22 t23 t24'],
    ['vodka.gin', 't5 t6 t8 t21 t22 t23 t24'],
    ['vodka.martini', 't5 t6 t8 t19 t21 t22 t23 t24'],
    ['b.b.c', 't5 t6 t10 t13 t18 t21 t22 t23 t24 t26'],
    ['nothing.here.at.all', 't5 t6 t21 t22 t23 t24'],
    ['oneword', 't5 t6 t21 t22 t23 t24 t25'],
  ])('routes %j to the bindings RabbitMQ routing_SUITE expects, all bound in one trie', (routingKey, expected) => {
    const trie = new TopicTrie<string>();
    for (const [name, bindingKey] of Object.entries(suiteBindings)) trie.add(bindingKey, name);

    const reached = trie.match(routingKey).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

    expect(reached).toEqual(expected.split(' '));
  });

  it('agrees with a transliteration of RabbitMQ trie_match on thousands of generated keys', () => {
    // Prepare: half the binding keys are free-form, half are a routing key with some words turned
    // into wildcards, so that matches and near misses are both common.
    const random = seededRandom(0x70b1c);
    const words = (alphabet: readonly string[]) =>
      Array.from({ length: Math.floor(random() * 7) }, () => pick(random, alphabet));
    const wildcard = (word: string) => pick(random, [word, word, '*', '#', `#.${word}`, `${word}.#`, 'b']);
    let matched = 0;

    for (let i = 0; i < 20_000; i++) {
      const routing = words(['a', 'b', '', '*', '#']);
      const binding = random() < 0.5 ? words(['a', 'b', '', '*', '#', 'a*', '#a']) : routing.map(wildcard);
      const [bindingKey, routingKey] = [binding.join('.'), routing.join('.')];

      // Act
      const actual = matches(bindingKey, routingKey);

      // Assess
      const expected = rabbitTopicMatches(bindingKey, routingKey);
      if (actual !== expected) expect({ bindingKey, routingKey, actual }).toEqual({ bindingKey, routingKey, actual: expected });
      if (actual) matched++;
    }
    // Both answers are common, so the agreement is not vacuous.
    expect(matched).toBeGreaterThan(5_000);
    expect(matched).toBeLessThan(15_000);
  });

  it('stays fast on patterns that make backtracking exponential', () => {
    const bindingKey = `${'#.'.repeat(40)}x`;
    const routingKey = Array.from({ length: 200 }, () => 'a').join('.');
    const started = performance.now();

    expect(matches(bindingKey, routingKey)).toBe(false);
    expect(matches(bindingKey, `${routingKey}.x`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  describe('many bindings', () => {
    it('returns a value once however many of its bindings match', () => {
      const trie = new TopicTrie<string>();
      for (const bindingKey of ['a.b', 'a.*', '#', '#.#', 'a.#.b']) trie.add(bindingKey, 'q');
      trie.add('a.b', 'other');

      expect(trie.match('a.b').sort()).toEqual(['other', 'q']);
    });

    it('keeps one value for a binding added twice', () => {
      const trie = new TopicTrie<string>();
      trie.add('a.*', 'q');
      trie.add('a.*', 'q');

      expect(trie.match('a.b')).toEqual(['q']);
    });

    it('gives every match its own answer, also after bindings are added', () => {
      const trie = new TopicTrie<number>();
      trie.add('a.#', 1);

      expect(trie.match('a.b')).toEqual([1]);
      expect(trie.match('a.b')).toEqual([1]);
      trie.add('*.b', 2);
      expect(trie.match('a.b').sort()).toEqual([1, 2]);
      expect(trie.match('b')).toEqual([]);
    });

    it('matches nothing when it has no bindings', () => {
      expect(new TopicTrie<string>().match('')).toEqual([]);
    });
  });
});
