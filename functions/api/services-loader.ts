// The AWS clients are built at init, as Lambda advises: their setup is the SDK's cost, which the
// first request should not pay on top of its own.
import '../adapters/aws-clients.ts';
import type { Services } from './services.ts';

/**
 * The composition root (services.ts), imported on the first request: its adapters, the payload
 * claim check's schemas and Powertools Metrics would otherwise add to every cold start.
 */
export function loadServices(): Promise<Services> {
  loaded ??= import('./services.ts').then(({ getServices }) => getServices());
  return loaded;
}

let loaded: Promise<Services> | undefined;
