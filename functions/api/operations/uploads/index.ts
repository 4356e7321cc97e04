// The uploads route: its own family, imported on the first request for it (operations/index.ts).
export { createUpload } from './create-upload.ts';
