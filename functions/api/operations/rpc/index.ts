// The request-reply routes: one family, imported together on the first request for any of them (operations/index.ts).
export { rpc } from './rpc.ts';
export { sendReply } from './send-reply.ts';
