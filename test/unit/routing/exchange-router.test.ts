import { describe, expect, it } from 'vitest';
import { compileBindingIndex } from '../../../functions/core/routing/binding-index.ts';
import { ExchangeNotFoundError, InvalidBindingError } from '../../../functions/core/problems/index.ts';
import { ExchangeRouter } from '../../../functions/core/routing/exchange-router.ts';
import type {
  Binding,
  BindingArguments,
  BindingDestination,
  ExchangeDefinition,
  ExchangeType,
  RoutableMessage,
} from '../../../functions/core/routing/topology.ts';

const toQueue = (queue: string): BindingDestination => ({ queue });
const toExchange = (exchange: string): BindingDestination => ({ exchange });
const bind = (source: string, destination: BindingDestination, bindingKey = '', args: BindingArguments = {}): Binding => ({
  source,
  destination,
  bindingKey,
  arguments: args,
});
const message = (exchange: string, routingKey = '', headers: RoutableMessage['headers'] = {}): RoutableMessage => ({
  exchange,
  routingKey,
  headers,
});
const noQueues = () => false;

function router(exchanges: Record<string, ExchangeType | ExchangeDefinition>, bindings: Binding[]): ExchangeRouter {
  const definitions = Object.fromEntries(
    Object.entries(exchanges).map(([name, x]) => [name, typeof x === 'string' ? { type: x } : x]),
  );
  return new ExchangeRouter({ exchanges: definitions, bindings });
}

describe('Class: ExchangeRouter', () => {
  describe('exchange types', () => {
    it('routes a direct exchange by routing key equality, case-sensitively', () => {
      const r = router({ x: 'direct' }, [bind('x', toQueue('q1'), 'a.b'), bind('x', toQueue('q2'), 'A.B'), bind('x', toQueue('q3'), '#')]);

      expect(r.route(message('x', 'a.b'), noQueues).queues).toEqual(['q1']);
      expect(r.route(message('x', 'a.c'), noQueues).queues).toEqual([]);
    });

    it('routes a direct exchange with the empty routing key to bindings with the empty key', () => {
      const r = router({ x: 'direct' }, [bind('x', toQueue('empty'), ''), bind('x', toQueue('a'), 'a')]);

      expect(r.route(message('x', ''), noQueues).queues).toEqual(['empty']);
    });

    it('routes a fanout exchange to every binding whatever the keys', () => {
      const r = router({ x: 'fanout' }, [bind('x', toQueue('q1'), 'a'), bind('x', toQueue('q2'), 'b')]);

      expect(r.route(message('x', 'c'), noQueues).queues).toEqual(['q1', 'q2']);
    });

    it('routes a topic exchange by binding key pattern', () => {
      const r = router({ x: 'topic' }, [bind('x', toQueue('eu'), 'orders.eu.*'), bind('x', toQueue('all'), 'orders.#')]);

      expect(r.route(message('x', 'orders.eu.paid'), noQueues).queues).toEqual(['eu', 'all']);
      expect(r.route(message('x', 'orders.us.paid'), noQueues).queues).toEqual(['all']);
    });

    it('routes a headers exchange by the arguments and ignores the routing key', () => {
      const r = router({ x: 'headers' }, [
        bind('x', toQueue('pdf'), 'ignored', { format: 'pdf', type: 'report' }),
        bind('x', toQueue('any'), 'ignored', { 'x-match': 'any', format: 'pdf', type: 'log' }),
      ]);

      expect(r.route(message('x', 'other', { format: 'pdf', type: 'report' }), noQueues).queues).toEqual(['pdf', 'any']);
      expect(r.route(message('x', 'other', { type: 'log' }), noQueues).queues).toEqual(['any']);
    });
  });

  describe('one copy per queue', () => {
    it('delivers once to a queue bound several times that all match', () => {
      const r = router({ x: 'topic' }, [bind('x', toQueue('q'), 'a.b'), bind('x', toQueue('q'), 'a.*'), bind('x', toQueue('q'), '#')]);

      expect(r.route(message('x', 'a.b'), noQueues)).toEqual({ queues: ['q'], exchanges: ['x'] });
    });

    it('delivers once to a queue reached along two exchange paths', () => {
      // x fans out to a and b, which both lead to q (a diamond).
      const r = router({ x: 'fanout', a: 'fanout', b: 'direct' }, [
        bind('x', toExchange('a')),
        bind('x', toExchange('b')),
        bind('a', toQueue('q')),
        bind('b', toQueue('q'), 'k'),
        bind('b', toQueue('only-b'), 'k'),
      ]);

      expect(r.route(message('x', 'k'), noQueues)).toEqual({ queues: ['q', 'only-b'], exchanges: ['x', 'a', 'b'] });
    });
  });

  describe('exchange-to-exchange bindings', () => {
    it('routes onward, matching the same message at every hop', () => {
      const r = router({ orders: 'topic', eu: 'direct' }, [
        bind('orders', toExchange('eu'), '*.eu'),
        bind('orders', toQueue('audit'), '#'),
        bind('eu', toQueue('eu-paid'), 'paid.eu'),
        bind('eu', toQueue('eu-refunded'), 'refunded.eu'),
      ]);

      expect(r.route(message('orders', 'paid.eu'), noQueues)).toEqual({ queues: ['audit', 'eu-paid'], exchanges: ['orders', 'eu'] });
      expect(r.route(message('orders', 'paid.us'), noQueues)).toEqual({ queues: ['audit'], exchanges: ['orders'] });
    });

    it('visits exchanges breadth-first, bindings in snapshot order', () => {
      const r = router({ x: 'fanout', a: 'fanout', b: 'fanout', c: 'fanout' }, [
        bind('x', toExchange('a')),
        bind('x', toExchange('b')),
        bind('a', toExchange('c')),
        bind('c', toQueue('qc')),
        bind('b', toQueue('qb')),
      ]);

      expect(r.route(message('x'), noQueues)).toEqual({ queues: ['qb', 'qc'], exchanges: ['x', 'a', 'b', 'c'] });
    });

    it('terminates on a cycle, visiting each exchange once', () => {
      const r = router({ a: 'fanout', b: 'fanout', c: 'fanout' }, [
        bind('a', toExchange('b')),
        bind('b', toExchange('c')),
        bind('c', toExchange('a')),
        bind('a', toQueue('qa')),
        bind('c', toQueue('qc')),
      ]);

      expect(r.route(message('b'), noQueues)).toEqual({ queues: ['qc', 'qa'], exchanges: ['b', 'c', 'a'] });
    });

    it('ignores a binding of an exchange to itself', () => {
      const r = router({ x: 'fanout' }, [bind('x', toExchange('x')), bind('x', toQueue('q'))]);

      expect(r.route(message('x'), noQueues)).toEqual({ queues: ['q'], exchanges: ['x'] });
    });

    it('routes nowhere through a binding to an exchange missing from the snapshot', () => {
      const r = router({ x: 'fanout' }, [bind('x', toExchange('gone')), bind('x', toQueue('q'))]);

      expect(r.route(message('x'), noQueues)).toEqual({ queues: ['q'], exchanges: ['x'] });
    });

    it('ignores bindings whose source is not in the snapshot, whatever its name', () => {
      const r = router({ x: 'fanout' }, [bind('constructor', toQueue('q')), bind('__proto__', toQueue('q'))]);

      expect(r.route(message('x'), noQueues)).toEqual({ queues: [], exchanges: ['x'] });
      expect(() => r.route(message('constructor'), noQueues)).toThrow(ExchangeNotFoundError);
    });
  });

  // rabbit_exchange:route1/process_alternate: an exchange whose own bindings return no destination
  // adds its alternate exchange; every exchange taken from the work list gets that treatment.
  describe('alternate exchanges', () => {
    const withAlternate = (type: ExchangeType, alternateExchange: string): ExchangeDefinition => ({ type, alternateExchange });

    it('takes a message no binding matches', () => {
      const r = router({ x: withAlternate('direct', 'unrouted'), unrouted: 'fanout' }, [
        bind('x', toQueue('q'), 'known'),
        bind('unrouted', toQueue('lost-and-found')),
      ]);

      expect(r.route(message('x', 'unknown'), noQueues)).toEqual({ queues: ['lost-and-found'], exchanges: ['x', 'unrouted'] });
      expect(r.route(message('x', 'known'), noQueues)).toEqual({ queues: ['q'], exchanges: ['x'] });
    });

    it('is not used when a binding matched, even one leading to an exchange that routes nowhere', () => {
      const r = router({ x: withAlternate('fanout', 'ae'), empty: 'direct', ae: 'fanout' }, [
        bind('x', toExchange('empty')),
        bind('ae', toQueue('fallback')),
      ]);

      expect(r.route(message('x'), noQueues)).toEqual({ queues: [], exchanges: ['x', 'empty'] });
    });

    it('applies to an exchange reached through a binding', () => {
      const r = router({ x: 'fanout', y: withAlternate('direct', 'ae'), ae: 'fanout' }, [
        bind('x', toExchange('y')),
        bind('y', toQueue('q'), 'known'),
        bind('ae', toQueue('fallback')),
      ]);

      expect(r.route(message('x', 'unknown'), noQueues)).toEqual({ queues: ['fallback'], exchanges: ['x', 'y', 'ae'] });
    });

    it('chains: an alternate exchange that routes nowhere falls back to its own', () => {
      const r = router({ x: withAlternate('direct', 'ae1'), ae1: withAlternate('direct', 'ae2'), ae2: 'fanout' }, [
        bind('ae1', toQueue('ae1-only'), 'never'),
        bind('ae2', toQueue('last-resort')),
      ]);

      expect(r.route(message('x', 'k'), noQueues)).toEqual({ queues: ['last-resort'], exchanges: ['x', 'ae1', 'ae2'] });
    });

    it('terminates on a cycle of alternate exchanges', () => {
      const r = router({ a: withAlternate('direct', 'b'), b: withAlternate('direct', 'a') }, []);

      expect(r.route(message('a', 'k'), noQueues)).toEqual({ queues: [], exchanges: ['a', 'b'] });
    });

    it('terminates when an exchange is its own alternate exchange', () => {
      const r = router({ a: withAlternate('direct', 'a') }, []);

      expect(r.route(message('a', 'k'), noQueues)).toEqual({ queues: [], exchanges: ['a'] });
    });

    it('routes nowhere when the alternate exchange does not exist', () => {
      const r = router({ x: withAlternate('direct', 'gone') }, []);

      expect(r.route(message('x', 'k'), noQueues)).toEqual({ queues: [], exchanges: ['x'] });
    });
  });

  describe('default exchange', () => {
    const existing = new Set(['orders', 'q']);
    const queueExists = (name: string) => existing.has(name);

    it('routes to the queue named by the routing key', () => {
      expect(router({}, []).route(message('', 'orders'), queueExists)).toEqual({ queues: ['orders'], exchanges: [''] });
    });

    it('routes nowhere when that queue does not exist', () => {
      expect(router({}, []).route(message('', 'missing'), queueExists)).toEqual({ queues: [], exchanges: [''] });
      expect(router({}, []).route(message('', ''), queueExists)).toEqual({ queues: [], exchanges: [''] });
    });

    it('takes no bindings, even if a snapshot has some', () => {
      const r = router({ '': 'direct' }, [bind('', toQueue('q'), 'orders')]);

      expect(r.route(message('', 'orders'), queueExists).queues).toEqual(['orders']);
    });
  });

  describe('errors', () => {
    it('throws ExchangeNotFoundError for an unknown exchange (RabbitMQ: 404 NOT_FOUND)', () => {
      const route = () => router({ x: 'direct' }, []).route(message('nope', 'k'), noQueues);

      expect(route).toThrow(ExchangeNotFoundError);
      expect(route).toThrowError(expect.objectContaining({ status: 404, code: 'exchange_not_found' }));
    });

    it('refuses a snapshot with a headers binding RabbitMQ would refuse', () => {
      expect(() => router({ x: 'headers' }, [bind('x', toQueue('q'), '', { 'x-match': 'bogus' })])).toThrow(InvalidBindingError);
    });
  });
});

describe('Function: compileBindingIndex', () => {
  // rabbit_exchange_type_headers is the only built-in type whose validate_binding reads arguments.
  it.each(['direct', 'fanout', 'topic'] as const)('accepts any x-match on a %s exchange binding', (type) => {
    expect(() => compileBindingIndex(type, [bind('x', toQueue('q'), 'k', { 'x-match': 'bogus' })])).not.toThrow();
  });

  it('validates x-match on a headers exchange binding', () => {
    expect(() => compileBindingIndex('headers', [bind('x', toQueue('q'), '', { 'x-match': 'some' })])).toThrow(InvalidBindingError);
  });

  it('answers in binding order, one destination per matching binding, whatever the exchange type', () => {
    const bindings = [bind('x', toQueue('q2'), 'a.b'), bind('x', toQueue('q1'), 'a.b'), bind('x', toQueue('q2'), 'a.b')];
    const expected = [toQueue('q2'), toQueue('q1'), toQueue('q2')];

    for (const type of ['direct', 'fanout', 'topic', 'headers'] as const) {
      expect(compileBindingIndex(type, bindings)(message('x', 'a.b'))).toEqual(expected);
    }
  });

  it('answers in binding order on a topic exchange however the trie reaches them', () => {
    const bindings = ['#', 'a.b', '*.b', 'a.#', '#.b', 'a.*'].map((key, i) => bind('x', toQueue(`q${i}`), key));

    const destinations = compileBindingIndex('topic', bindings)(message('x', 'a.b'));

    expect(destinations).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5'].map(toQueue));
  });
});
