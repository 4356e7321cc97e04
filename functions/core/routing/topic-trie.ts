/** One node per binding-key prefix: the edges to longer prefixes and the values bound here. */
class TrieNode {
  readonly literals = new Map<string, TrieNode>();
  star: TrieNode | undefined = undefined;
  hash: TrieNode | undefined = undefined;
  /** Ids of the values whose binding key ends at this node. */
  readonly ends: number[] = [];
  /** The last match step that reached this node, so that a step visits it once. */
  reachedAt = -1;

  /** Reached through a `#` edge, so it also stays where it is, taking one more word. */
  readonly isHash: boolean;

  constructor(isHash: boolean) {
    this.isHash = isHash;
  }
}

const NO_WORDS: readonly string[] = [];

/**
 * The binding keys of a topic exchange as a trie over their words, answering which values a
 * routing key reaches. Both keys are lists of words split at every '.', as RabbitMQ splits them:
 * "" has no words, while "a..b", ".a" and "a." contain an empty word. In a binding key a word that
 * is exactly `*` matches one word (which may be empty) and a word that is exactly `#` matches zero
 * or more words; `*` or `#` inside a longer word ("a*", "#a") is literal.
 *
 * Matching walks the routing key's words once, carrying the set of nodes the words so far can
 * reach. A node joins a step's set at most once, so a key costs O(words × nodes reached) even for
 * binding keys like "#.#.#.x" that make backtracking exponential. Not reentrant: the work lists and
 * marks live in the trie, and `match` runs to completion before anything else can call it.
 */
export class TopicTrie<T> {
  readonly #root = new TrieNode(false);
  readonly #values: T[] = [];
  readonly #ids = new Map<T, number>();
  /** Per value id, the last match that returned it: dedupes without a Set per match. */
  readonly #returnedAt: number[] = [];
  #matches = 0;
  /** Step numbers for `TrieNode.reachedAt`; each match takes one per routing-key position. */
  #steps = 0;
  #reached: TrieNode[] = [];
  #reachedNext: TrieNode[] = [];

  /** Routes `routingKey`s that match `bindingKey` to `value`; adding a pair twice changes nothing. */
  add(bindingKey: string, value: T): void {
    let node = this.#root;
    for (const word of split(bindingKey)) node = child(node, word);
    const id = this.#idOf(value);
    if (!node.ends.includes(id)) node.ends.push(id);
  }

  /** The values bound by a key `routingKey` matches, each once, in no particular order. */
  match(routingKey: string): T[] {
    const words = split(routingKey);
    const first = this.#steps;
    this.#steps += words.length + 1;
    let reached = this.#reached;
    let next = this.#reachedNext;
    let count = reach(this.#root, first, reached, 0);
    for (let i = 0; i < words.length && count > 0; i++) {
      const word = words[i]!;
      const step = first + i + 1;
      let nextCount = 0;
      for (let j = 0; j < count; j++) {
        const node = reached[j]!;
        if (node.isHash) nextCount = reach(node, step, next, nextCount);
        const literal = node.literals.get(word);
        if (literal !== undefined) nextCount = reach(literal, step, next, nextCount);
        if (node.star !== undefined) nextCount = reach(node.star, step, next, nextCount);
      }
      const done = reached;
      reached = next;
      next = done;
      count = nextCount;
    }
    // Keep the lists for the next match: they grow to the widest step seen, then stop allocating.
    this.#reached = reached;
    this.#reachedNext = next;
    return this.#collect(reached, count);
  }

  #collect(nodes: readonly TrieNode[], count: number): T[] {
    const match = ++this.#matches;
    const found: T[] = [];
    for (let j = 0; j < count; j++) {
      const ends = nodes[j]!.ends;
      for (let k = 0; k < ends.length; k++) {
        const id = ends[k]!;
        if (this.#returnedAt[id] === match) continue;
        this.#returnedAt[id] = match;
        found.push(this.#values[id]!);
      }
    }
    return found;
  }

  #idOf(value: T): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#values.push(value) - 1;
      this.#ids.set(value, id);
      this.#returnedAt.push(-1);
    }
    return id;
  }
}

function split(key: string): readonly string[] {
  return key === '' ? NO_WORDS : key.split('.');
}

function child(node: TrieNode, word: string): TrieNode {
  if (word === '*') return (node.star ??= new TrieNode(false));
  if (word === '#') return (node.hash ??= new TrieNode(true));
  let literal = node.literals.get(word);
  if (literal === undefined) node.literals.set(word, (literal = new TrieNode(false)));
  return literal;
}

/**
 * Adds `node` to a step's list unless that step has it already, with the `#` children that match
 * zero words from it. Returns the list's new length.
 */
function reach(node: TrieNode | undefined, step: number, list: TrieNode[], count: number): number {
  while (node !== undefined && node.reachedAt !== step) {
    node.reachedAt = step;
    list[count++] = node;
    node = node.hash;
  }
  return count;
}
