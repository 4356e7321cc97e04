/** A compiled binding key of a topic exchange: tells whether a routing key matches it. */
export type TopicMatcher = (routingKey: string) => boolean;

/**
 * Compiles a topic binding key. Both keys are lists of words split at every '.', as RabbitMQ splits
 * them: "" has no words, while "a..b", ".a" and "a." contain an empty word. In the binding key a word
 * that is exactly `*` matches one word (which may be empty) and a word that is exactly `#` matches
 * zero or more words; `*` or `#` inside a longer word ("a*", "#a") is literal.
 */
export function compileTopicPattern(bindingKey: string): TopicMatcher {
  const pattern = words(bindingKey);
  return (routingKey) => matches(pattern, words(routingKey));
}

function words(key: string): readonly string[] {
  return key === '' ? [] : key.split('.');
}

/**
 * Bottom-up over (pattern position, word position), so a pattern like "#.#.#.#.x" costs
 * O(pattern words × routing words) instead of the exponential time of naive backtracking.
 */
function matches(pattern: readonly string[], routing: readonly string[]): boolean {
  const n = routing.length;
  // rest[j]: whether the pattern after the current position matches routing[j..]. Past the end of
  // the pattern, only the end of the routing key matches.
  let rest = Array.from({ length: n + 1 }, (_, j) => j === n);
  for (let i = pattern.length - 1; i >= 0; i--) {
    const word = pattern[i];
    const here = new Array<boolean>(n + 1).fill(false);
    for (let j = n; j >= 0; j--) {
      here[j] =
        word === '#'
          ? rest[j]! || (j < n && here[j + 1]!) // '#' takes no more words, or one more and stays
          : j < n && (word === '*' || word === routing[j]) && rest[j + 1]!;
    }
    rest = here;
  }
  return rest[0]!;
}
