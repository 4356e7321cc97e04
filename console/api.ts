import { PostroomClient } from '../client/index.ts';
import { ok } from '../client/http.ts';
import type { components } from '../client/api-types.ts';

/**
 * The console's one way to the broker: the typed client against the origin that serves the console
 * (npm start's gateway, or `postroom console`'s proxy, which signs what it forwards), unsigned.
 */
export const client = new PostroomClient({ endpoint: location.origin, signing: false });

export type Overview = components['schemas']['Overview'];

/** GET /v1/overview, every page of it (the client has no method for it yet). */
export async function overview(): Promise<Overview> {
  const whole: Overview = { queues: [], exchanges: [], streams: [] };
  let cursor: string | undefined;
  do {
    const page: Overview = await ok(client.raw.GET('/v1/overview', { params: { query: { limit: 100, ...(cursor && { cursor }) } } }));
    whole.queues.push(...page.queues);
    whole.exchanges.push(...page.exchanges);
    whole.streams.push(...page.streams);
    cursor = page.nextCursor;
  } while (cursor);
  return whole;
}
