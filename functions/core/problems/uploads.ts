import { ProblemError } from './problem.ts';

/** A publish named an upload that was never made, or whose object expired (a day after its URL was issued). */
export class UploadNotFoundError extends ProblemError {
  constructor(uploadId: string) {
    super({
      status: 404,
      code: 'upload_not_found',
      title: 'Upload not found',
      detail: `No upload ${JSON.stringify(uploadId)} was found: PUT the body to the URL POST /v1/uploads answered (within 15 minutes), then publish within a day; nothing was published.`,
      extensions: { uploadId },
    });
  }
}
