// Placeholder entry point so the stack can synthesize; replaced by the queue API handler.
export const handler = async () => ({ statusCode: 501, body: 'not implemented' });
