import { createHash } from 'node:crypto';
import type { Binding, BindingArguments } from '../routing/topology.ts';

/** Arguments as JSON with their names sorted, so that `{a, b}` and `{b, a}` are the same arguments. */
export function canonicalArguments(args: BindingArguments): string {
  return JSON.stringify(Object.fromEntries(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * The key that identifies a binding: binding the same source, destination, key and arguments twice
 * is one binding. It starts with the source exchange (whose name cannot contain '/') so that one
 * exchange's bindings share a key prefix; the rest is a digest, because keys, arguments and names
 * together can exceed what a DynamoDB sort key holds (1 KiB).
 */
export function bindingKeyOf(binding: Binding): string {
  const [kind, name] = 'queue' in binding.destination ? ['queue', binding.destination.queue] : ['exchange', binding.destination.exchange];
  const identity = JSON.stringify([binding.source, kind, name, binding.bindingKey, canonicalArguments(binding.arguments)]);
  return `${bindingKeyPrefix(binding.source)}${createHash('sha256').update(identity, 'utf8').digest('base64url')}`;
}

/** The prefix shared by the keys of every binding whose source is `exchange`. */
export const bindingKeyPrefix = (exchange: string): string => `${exchange}/`;
