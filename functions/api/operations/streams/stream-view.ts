import type * as z from 'zod/mini';
import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';
import type { streamViewSchema } from '../../../core/schemas/stream-responses.ts';

/** How the API shows a declared stream: its name, settings and creation time. */
export const streamView = (declaration: StreamDeclaration): z.infer<typeof streamViewSchema> => ({
  name: declaration.name,
  ...declaration.settings,
  createdAt: declaration.createdAt,
});

/** Partitions 0 .. count - 1. */
export const partitionsOf = (declaration: StreamDeclaration): number[] => Array.from({ length: declaration.settings.partitions }, (_, partition) => partition);
