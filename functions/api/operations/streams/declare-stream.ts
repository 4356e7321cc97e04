import { randomBytes } from 'node:crypto';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import { PartitionsCannotDecreaseError, ServiceUnavailableError, StreamExistsWithDifferentSettingsError } from '../../../core/problems/index.ts';
import { declareStreamBodySchema } from '../../../core/streams/declare-request.ts';
import { partitionKey } from '../../../core/streams/log-keys.ts';
import { parseStreamName } from '../../../core/streams/names.ts';
import { fixedSettingDifferences, type StreamSettings } from '../../../core/streams/stream-settings.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import type { StreamServices } from '../../stream-services.ts';
import { streamView } from './stream-view.ts';

/** Rounds of losing a race to a concurrent declaration before giving up with a 503. */
const MAX_ROUNDS = 5;

const tailKeys = (stream: StreamDeclaration, from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => partitionKey(stream, from + index));

/**
 * `PUT /v1/streams/{name}`: Kafka's CreateTopics, then CreatePartitions on a redeclaration with more
 * partitions. A partition's tail is created before any declaration names it, so every partition a
 * reader or writer learns of has one. 201 created, 200 same (or grown), 409 otherwise.
 */
export const declareStream: OperationHandler = async (request, { streams, now }) => {
  const name = parseStreamName(request.pathParameters.name);
  const settings = parseRequest(declareStreamBodySchema, request.body, 'request body');
  const { declaration, created } = await declareStreamNamed(streams, name, settings, now());
  if (!created) return { status: 200, body: streamView(declaration) };
  return { status: 201, body: streamView(declaration), headers: { location: `/v1/streams/${name}` } };
};

/**
 * Declares stream `name` with `settings` (see declareStream), for the API and for what carries its
 * log in a stream (an event store): the declaration, and whether this call created it.
 */
export async function declareStreamNamed(streams: StreamServices, name: string, settings: StreamSettings, now: Date): Promise<{ declaration: StreamDeclaration; created: boolean }> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const existing = await streams.registry.find(name, { consistent: true });
    if (existing) {
      const declared = await reconcile(streams, existing, settings);
      if (declared) return { declaration: declared, created: false };
      continue;
    }
    const declaration: StreamDeclaration = { name, incarnation: randomBytes(6).toString('hex'), settings, createdAt: now.toISOString() };
    const keys = tailKeys(declaration, 0, settings.partitions);
    await streams.tails.create(keys);
    if ((await streams.registry.add(declaration)) === undefined) {
      streams.directory.remember(declaration);
      return { declaration, created: true };
    }
    // A concurrent declaration won: its incarnation is the stream, these tails belong to none.
    await streams.tails.remove(keys);
  }
  throw new ServiceUnavailableError();
}

/**
 * Answers a redeclaration of `existing`: the same settings as they are, more partitions by adding
 * them. undefined when a concurrent change got in first (the caller looks again).
 */
async function reconcile({ registry, tails, directory }: StreamServices, existing: StreamDeclaration, requested: StreamSettings): Promise<StreamDeclaration | undefined> {
  const differences = fixedSettingDifferences(existing.settings, requested);
  if (differences.length > 0) throw new StreamExistsWithDifferentSettingsError(existing.name, differences);
  const { partitions } = existing.settings;
  if (requested.partitions < partitions) throw new PartitionsCannotDecreaseError(existing.name, partitions, requested.partitions);
  if (requested.partitions === partitions) return existing;
  await tails.create(tailKeys(existing, partitions, requested.partitions));
  if (!(await registry.increasePartitions(existing.name, partitions, requested.partitions))) return undefined;
  const grown = { ...existing, settings: { ...existing.settings, partitions: requested.partitions } };
  directory.remember(grown);
  return grown;
}
