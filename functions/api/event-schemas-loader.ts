/**
 * The JSON Schema validation of event stores, imported on first use: Ajv and its formats would
 * otherwise add to the cold start of every route, and an append to a store without schemas never
 * needs it.
 */
export function loadEventSchemas(): Promise<typeof import('../core/event-store/event-schemas.ts')> {
  return import('../core/event-store/event-schemas.ts');
}
