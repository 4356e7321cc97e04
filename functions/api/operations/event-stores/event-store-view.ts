import type * as z from 'zod/mini';
import type { StoreDeclaration } from '../../../adapters/event-store-registry.ts';
import { logStreamName } from '../../../core/event-store/names.ts';
import type { eventStoreViewSchema } from '../../../core/schemas/event-store-responses.ts';

/** How the API shows a declared event store: its settings, the stream carrying its log, its creation time. */
export const eventStoreView = (declaration: StoreDeclaration): z.infer<typeof eventStoreViewSchema> => ({
  name: declaration.name,
  ...declaration.settings,
  log: logStreamName(declaration.name),
  createdAt: declaration.createdAt,
});
