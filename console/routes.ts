/** The console's pages, addressed by the URL's hash (`#/queues/orders`), so any static server can serve it. */
export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'queue'; readonly name: string }
  | { readonly page: 'exchange'; readonly name: string }
  | { readonly page: 'stream'; readonly name: string }
  | { readonly page: 'saga'; readonly name: string; readonly executionId?: string };

export function parseRoute(hash: string): Route {
  const [kind, name, ...rest] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (!name) return { page: 'overview' };
  switch (kind) {
    case 'queues':
      return { page: 'queue', name };
    case 'exchanges':
      return { page: 'exchange', name };
    case 'streams':
      return { page: 'stream', name };
    case 'sagas':
      return rest[0] === 'executions' && rest[1] ? { page: 'saga', name, executionId: rest[1] } : { page: 'saga', name };
    default:
      return { page: 'overview' };
  }
}

/** The href of a resource's page. */
export const href = {
  queue: (name: string) => `#/queues/${encodeURIComponent(name)}`,
  exchange: (name: string) => `#/exchanges/${encodeURIComponent(name)}`,
  stream: (name: string) => `#/streams/${encodeURIComponent(name)}`,
  saga: (name: string) => `#/sagas/${encodeURIComponent(name)}`,
  execution: (saga: string, executionId: string) => `#/sagas/${encodeURIComponent(saga)}/executions/${encodeURIComponent(executionId)}`,
};
