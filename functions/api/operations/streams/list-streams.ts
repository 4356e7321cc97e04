import type { OperationHandler } from '../../http.ts';
import { streamView } from './stream-view.ts';

/** `GET /v1/streams`: every declared stream, in name order. */
export const listStreams: OperationHandler = async (_request, { streams }) => {
  const declarations = await streams.registry.list();
  return { status: 200, body: { streams: declarations.map(streamView) } };
};
