/**
 * Topic routing decisions per second: Postroom's `TopicTrie` beside the `qlobber` package, on the
 * same 10,000 bindings and 10,000 routing keys in the same run. Only matching is timed, both indexes
 * built beforehand, and both answers deduplicated (one copy per queue, as routing needs): Postroom's
 * trie dedupes itself; qlobber is timed both ways it offers, `QlobberDedup` (a Set per match) and
 * `Qlobber` with its array put through a Set, and the faster counts.
 * Alone: `npx tsx bench/routing-throughput.ts`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { median } from './cold-init.ts';
import { TopicTrie } from '../functions/core/routing/topic-trie.ts';
import { pick, seededRandom } from '../testing/seeded-random.ts';

/** The part of qlobber's CommonJS API used here (it ships no types). */
interface QlobberMatcher<Answer> {
  add(topic: string, value: string): unknown;
  match(topic: string): Answer;
}
type QlobberOptions = Record<string, string | number | boolean>;
const qlobber = createRequire(import.meta.url)('qlobber') as {
  Qlobber: new (options: QlobberOptions) => QlobberMatcher<string[]>;
  QlobberDedup: new (options: QlobberOptions) => QlobberMatcher<Set<string>>;
};

const BINDINGS = 10_000;
const KEYS = 10_000;
const QUEUES = 3_000;
const TENANTS = 1_000;
const SERVICES = 500;
const ROUNDS = 9;
const PASSES_PER_ROUND = 3;

export interface RoutingThroughput {
  /** Median routing decisions per second of each. */
  readonly postroom: number;
  readonly qlobber: number;
  /** postroom / qlobber: above 1 means Postroom is faster. */
  readonly ratio: number;
  readonly bindings: number;
  readonly keys: number;
}

export async function routingThroughput(): Promise<RoutingThroughput> {
  const { bindings, keys } = workload();
  const contenders = buildContenders(bindings);
  assertSameAnswers(contenders, keys);

  for (const contender of contenders) timeRound(contender, keys); // warm up
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so that machine noise and GC debt hit each alike.
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      samples[index]!.push(timeRound(contenders[index]!, keys));
    }
  }
  const [postroom, ...qlobbers] = samples.map(median);
  const qlobber = Math.max(...qlobbers);
  return { postroom: postroom!, qlobber, ratio: postroom! / qlobber, bindings: bindings.length, keys: keys.length };
}

/** A matcher under test: returns the queues a routing key reaches, each once. */
interface Contender {
  readonly name: string;
  readonly match: (routingKey: string) => readonly string[] | ReadonlySet<string>;
}

function buildContenders(bindings: readonly Binding[]): Contender[] {
  const trie = new TopicTrie<string>();
  // RabbitMQ's semantics: `*` matches one word even an empty one, and no limit below the 256 words a
  // 255-byte key can have, on words or on `#`s.
  const options = { separator: '.', wildcard_one: '*', wildcard_some: '#', match_empty_levels: true, max_words: 256, max_wildcard_somes: 256 };
  const dedup = new qlobber.QlobberDedup(options);
  const plain = new qlobber.Qlobber(options);
  for (const { bindingKey, queue } of bindings) {
    trie.add(bindingKey, queue);
    dedup.add(bindingKey, queue);
    plain.add(bindingKey, queue);
  }
  return [
    { name: 'postroom TopicTrie', match: (key) => trie.match(key) },
    { name: 'qlobber QlobberDedup', match: (key) => dedup.match(key) },
    { name: 'qlobber Qlobber + Set', match: (key) => new Set(plain.match(key)) },
  ];
}

/** A benchmark comparing different answers means nothing: every key must reach the same queues. */
function assertSameAnswers(contenders: readonly Contender[], keys: readonly string[]): void {
  for (const key of keys) {
    const answers = contenders.map(({ match }) => [...match(key)].sort().join(' '));
    const differing = contenders.findIndex((_, i) => answers[i] !== answers[0]);
    if (differing >= 0) {
      throw new Error(
        `${contenders[differing]!.name} and ${contenders[0]!.name} disagree on ${JSON.stringify(key)}: ` +
          `${JSON.stringify(answers[differing])} vs ${JSON.stringify(answers[0])}`,
      );
    }
  }
}

/** Decisions per second over a few passes of every key. */
function timeRound({ match }: Contender, keys: readonly string[]): number {
  let reached = 0; // used below, so that the matching cannot be optimised away
  const started = performance.now();
  for (let pass = 0; pass < PASSES_PER_ROUND; pass++) {
    for (let i = 0; i < keys.length; i++) {
      const queues = match(keys[i]!);
      reached += 'size' in queues ? queues.size : queues.length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (reached < 0) throw new Error('unreachable');
  return (PASSES_PER_ROUND * keys.length) / seconds;
}

interface Binding {
  readonly bindingKey: string;
  readonly queue: string;
}

const DOMAINS = ['orders', 'payments', 'shipments', 'users', 'inventory', 'invoices', 'returns', 'reviews'];
const EVENTS = ['created', 'updated', 'deleted', 'shipped', 'paid', 'failed', 'cancelled', 'refunded'];
const COUNTRIES: Record<string, string[]> = {
  eu: ['de', 'fr', 'es', 'it', 'nl', 'pl', 'se', 'ie'],
  us: ['ca', 'ny', 'tx', 'wa', 'fl', 'il', 'ma', 'co'],
  ap: ['jp', 'sg', 'au', 'in', 'kr', 'id', 'nz', 'ph'],
  sa: ['br', 'ar', 'cl', 'co', 'pe', 'uy', 'ec', 'py'],
};
const LEVELS = ['debug', 'info', 'warn', 'error'];
/** Catch-alls every broker has a few of: audit, error and per-domain queues. */
const BROAD_BINDINGS = ['#', 'logs.#', '#.error', '#.failed', 'orders.#', 'payments.*.*', '*.*.paid', 'eu.#'];

/**
 * A seeded mix shaped like a real topic exchange: keys from a handful of naming schemes
 * ("orders.eu.created", "eu.de.orders.shipped", "tenant-123.payments.paid", "logs.svc-7.error"), and
 * bindings that are such keys with a word or two made `*` or `#`, and a few broad catch-alls. A key
 * reaches a median of 10 bindings (90th percentile 33, at most 42). 3,000 queues with several
 * bindings each, so deduplication matters.
 */
function workload(): { bindings: Binding[]; keys: string[] } {
  const random = seededRandom(0x5e7f00);
  const key = (): string[] => {
    const region = pick(random, Object.keys(COUNTRIES));
    const draw = random();
    if (draw < 0.1) return [pick(random, DOMAINS), region, pick(random, EVENTS)];
    if (draw < 0.35) return [region, pick(random, COUNTRIES[region]!), pick(random, DOMAINS), pick(random, EVENTS)];
    if (draw < 0.8) return [`tenant-${Math.floor(random() * TENANTS)}`, pick(random, DOMAINS), pick(random, EVENTS)];
    return ['logs', `svc-${Math.floor(random() * SERVICES)}`, pick(random, LEVELS)];
  };
  // Half the bindings are literal keys. Most others make the last word `*` ("orders.eu.*") or the
  // last word `#` ("eu.de.orders.#", "tenant-12.orders.#"); a few make the middle words `*`
  // ("eu.*.*.shipped") or the head `#` ("#.orders.paid").
  const pattern = (words: string[]): string => {
    const draw = random();
    if (draw < 0.5) return words.join('.');
    if (draw < 0.75) return words.with(-1, '*').join('.');
    if (draw < 0.93) return words.with(-1, '#').join('.');
    if (draw < 0.98) return words.map((word, i) => (i === 0 || i === words.length - 1 ? word : '*')).join('.');
    return ['#', ...words.slice(-2)].join('.');
  };
  const queue = () => `queue-${Math.floor(random() * QUEUES)}`;
  const bindings = BROAD_BINDINGS.map((bindingKey) => ({ bindingKey, queue: queue() }));
  while (bindings.length < BINDINGS) bindings.push({ bindingKey: pattern(key()), queue: queue() });
  return { bindings, keys: Array.from({ length: KEYS }, () => key().join('.')) };
}

export function formatRoutingThroughput(result: RoutingThroughput): string {
  const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
  return (
    `Topic routing, ${result.bindings} bindings, ${result.keys} keys: Postroom ${perSecond(result.postroom)}, ` +
    `qlobber ${perSecond(result.qlobber)} (the faster of QlobberDedup and Qlobber + Set), ratio ${result.ratio.toFixed(2)} (target >= 1.0)`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatRoutingThroughput(await routingThroughput()));
}
