import { PostroomError } from '../../client/index.ts';

/** An API error with its stable code and detail (RFC 9457), or any other failure's message. */
export function ProblemBox({ error }: { readonly error: unknown }) {
  if (error === undefined) return null;
  if (error instanceof PostroomError) {
    return (
      <div class="problem" role="alert">
        <strong>{error.status} <code>{error.code}</code></strong> {error.detail}
      </div>
    );
  }
  return (
    <div class="problem" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
