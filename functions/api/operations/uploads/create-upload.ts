import { uploadRequestSchema } from '../../../core/uploads.ts';
import { parseRequest } from '../../../core/validation.ts';
import type { OperationHandler } from '../../http.ts';

/**
 * `POST /v1/uploads`: a presigned PUT of a body too large for one request (up to 32 MiB), to the
 * payload bucket's `uploads/`; a queue or exchange publish then gives `{"upload": uploadId}`. Only
 * signs: nothing is written until the client PUTs, and an upload no publish names expires in a day.
 */
export const createUpload: OperationHandler = async (request, { payloads, now }) => {
  const { bytes, contentType } = parseRequest(uploadRequestSchema, request.body, 'request body');
  return { status: 201, body: await payloads.createUpload(bytes, contentType, now()) };
};
