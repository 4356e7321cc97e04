import fc from 'fast-check';

/**
 * Topic keys from a small alphabet, so that random binding and routing keys often match: empty
 * words, wildcards, and words that only look like wildcards ("a*", "#a").
 */
const routingWord = fc.constantFrom('a', 'b', '', '*', '#', 'a*');
const bindingWord = fc.constantFrom('a', 'b', '', '*', '#', 'a*', '#a');
// Short enough for the exponential reference matcher.
const MAX_WORDS = 6;

const join = (words: readonly string[]) => words.join('.');

export const routingKey = fc.array(routingWord, { maxLength: MAX_WORDS }).map(join);

/** Half free-form, half a routing key with some words turned into wildcards: matches and near misses. */
export const bindingKey = fc.oneof(
  fc.array(bindingWord, { maxLength: MAX_WORDS }).map(join),
  fc
    .array(fc.tuple(routingWord, fc.constantFrom('keep', 'keep', '*', '#', 'then #')), { maxLength: MAX_WORDS - 1 })
    .map((pairs) => join(pairs.map(([word, edit]) => (edit === 'keep' ? word : edit === 'then #' ? `${word}.#` : edit)))),
);

export const queueName = fc.constantFrom('q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7');
