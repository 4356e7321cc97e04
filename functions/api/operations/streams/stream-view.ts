import type { StreamDeclaration } from '../../../adapters/stream-registry.ts';

/** How the API shows a declared stream: its name, settings and creation time. */
export const streamView = (declaration: StreamDeclaration) => ({
  name: declaration.name,
  ...declaration.settings,
  createdAt: declaration.createdAt,
});

/** Partitions 0 .. count - 1. */
export const partitionsOf = (declaration: StreamDeclaration): number[] => Array.from({ length: declaration.settings.partitions }, (_, partition) => partition);
