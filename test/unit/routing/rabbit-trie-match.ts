/**
 * A reference for topic matching, kept as plain as RabbitMQ's own code so that it is easy to trust:
 * rabbit_db_topic_exchange's split_topic_key and trie_match, narrowed to one binding. Exponential on
 * many `#`s, which is fine for short keys.
 */
export function rabbitTopicMatches(bindingKey: string, routingKey: string): boolean {
  return trieMatch(splitTopicKey(bindingKey), splitTopicKey(routingKey));
}

/** split_topic_key: no words for <<>>, otherwise split at every '.'. */
function splitTopicKey(key: string): string[] {
  return key === '' ? [] : key.split('.');
}

/**
 * trie_match: with words left, follow the word's own edge and the '*' edge with the rest, and the
 * '#' edge with every suffix; with none left, the binding ends here or a '#' edge matches nothing.
 */
function trieMatch(pattern: string[], words: string[]): boolean {
  const [edge, ...rest] = pattern;
  if (words.length === 0) return edge === undefined || (edge === '#' && trieMatch(rest, []));
  if (edge === undefined) return false;
  if ((edge === words[0] || edge === '*') && trieMatch(rest, words.slice(1))) return true;
  if (edge !== '#') return false;
  for (let skip = 0; skip <= words.length; skip++) if (trieMatch(rest, words.slice(skip))) return true;
  return false;
}
