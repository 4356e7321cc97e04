import * as z from 'zod/mini';
import { headerValues, payloadFields } from './response-fields.ts';

/* Bodies of the request-reply routes' 2xx responses (functions/api/operations/rpc). */

export const rpcReplySchema = z.object({ correlationId: z.string(), ...payloadFields, headers: headerValues });

export const replySentSchema = z.object({ messageId: z.string() });
