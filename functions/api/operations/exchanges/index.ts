// The exchange routes: one family, imported together on the first request for any of them (operations/index.ts).
export { bind } from './bind.ts';
export { declareExchange } from './declare-exchange.ts';
export { deleteExchange } from './delete-exchange.ts';
export { describeExchange } from './describe-exchange.ts';
export { listExchangeBindings } from './list-exchange-bindings.ts';
export { listExchanges } from './list-exchanges.ts';
export { publishToExchange } from './publish-to-exchange.ts';
export { testRoute } from './test-route.ts';
export { unbind } from './unbind.ts';
