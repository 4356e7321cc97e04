import type { OperationHandler } from '../http.ts';

export const health: OperationHandler = async () => ({ status: 200, body: { status: 'ok' } });
