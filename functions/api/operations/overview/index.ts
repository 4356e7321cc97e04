// The broker's overview and Prometheus metrics routes: one family, imported together on the first request for any of them (operations/index.ts).
export { metrics } from './metrics.ts';
export { overview } from './overview.ts';
