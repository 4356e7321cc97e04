import { randomBytes } from 'node:crypto';
import type { StoreDeclaration } from '../../../adapters/event-store-registry.ts';
import { logStreamName, parseStoreName } from '../../../core/event-store/names.ts';
import { declareStoreBodySchema, storeSettingDifferences, type StoreSettings } from '../../../core/event-store/store-settings.ts';
import { EventStoreExistsWithDifferentSettingsError, EventStoreLogTakenError } from '../../../core/problems/index.ts';
import { streamSettingRanges } from '../../../core/streams/stream-settings.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';
import { declareStreamNamed } from '../streams/declare-stream.ts';
import { eventStoreView } from './event-store-view.ts';

/** The existing declaration if its settings are these, else a 409. */
function sameOrConflict(existing: StoreDeclaration, requested: StoreSettings): StoreDeclaration {
  const differences = storeSettingDifferences(existing.settings, requested);
  if (differences.length > 0) throw new EventStoreExistsWithDifferentSettingsError(existing.name, differences);
  return existing;
}

/**
 * `PUT /v1/event-stores/{store}`: declares the store and the stream that carries its log
 * (`<store>.events`, with the store's partitions). The log comes first, so every declared store
 * has one; a log left by a declaration that failed after it is taken over by the next one.
 * 201 created, 200 the same settings, 409 others.
 */
export const declareEventStore: OperationHandler = async (request, { eventStores, streams, now }) => {
  const name = parseStoreName(request.pathParameters.store);
  const settings = parseRequest(declareStoreBodySchema, request.body, 'request body');
  const existing = await eventStores.registry.find(name, { consistent: true });
  if (existing) return { status: 200, body: eventStoreView(sameOrConflict(existing, settings)) };

  const log = logStreamName(name);
  const current = await streams.registry.find(log, { consistent: true });
  if (current && current.settings.partitions !== settings.partitions) throw new EventStoreLogTakenError(name, log, current.settings.partitions);
  if (!current) await declareStreamNamed(streams, log, { partitions: settings.partitions, retentionHours: streamSettingRanges.retentionHours.default }, now());

  const declaration: StoreDeclaration = { name, incarnation: randomBytes(6).toString('hex'), settings, createdAt: now().toISOString() };
  const winner = await eventStores.registry.add(declaration);
  if (winner) return { status: 200, body: eventStoreView(sameOrConflict(winner, settings)) };
  eventStores.directory.remember(declaration);
  return { status: 201, body: eventStoreView(declaration), headers: { location: `/v1/event-stores/${name}` } };
};
