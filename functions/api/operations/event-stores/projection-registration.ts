import { parseProjectionName, parseStoreName } from '../../../core/event-store/names.ts';
import type { OperationHandler } from '../../http.ts';

/* A Projection construct's registration, applied by the broker's topology function (no HTTP route): body `{store, name}`. */

const namesOf = (body: unknown) => {
  const { store, name } = body as { store?: string; name?: string };
  return { store: parseStoreName(store), name: parseProjectionName(name) };
};

export const registerProjection: OperationHandler = async (request, { eventStores }) => {
  const { store, name } = namesOf(request.body);
  await eventStores.projections.register(store, name);
  return { status: 204 };
};

export const unregisterProjection: OperationHandler = async (request, { eventStores }) => {
  const { store, name } = namesOf(request.body);
  await eventStores.projections.remove(store, name);
  return { status: 204 };
};
