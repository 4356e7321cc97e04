/**
 * Paging of `GET /v1/overview`: queues, then exchanges, then streams, each in name order, at most
 * `limit` resources a page. The cursor names the last resource of the previous page; it is opaque to
 * clients (base64url of `[kind, name]`), and stays valid when resources come and go meanwhile.
 */
export const OVERVIEW_KINDS = ['queue', 'exchange', 'stream'] as const;
export type OverviewKind = (typeof OVERVIEW_KINDS)[number];

export const DEFAULT_OVERVIEW_PAGE = 100;
export const MAX_OVERVIEW_PAGE = 500;

export interface OverviewCursor {
  readonly kind: OverviewKind;
  readonly after: string;
}

export const encodeOverviewCursor = ({ kind, after }: OverviewCursor): string => Buffer.from(JSON.stringify([kind, after])).toString('base64url');

/** The cursor a token stands for; undefined for anything `encodeOverviewCursor` did not make. */
export function decodeOverviewCursor(token: string): OverviewCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
    const [kind, after] = parsed as unknown[];
    return OVERVIEW_KINDS.includes(kind as OverviewKind) && typeof after === 'string' ? { kind: kind as OverviewKind, after } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a page starting at `cursor` can hold resources of `kind` (kinds before the cursor's are done). */
export const kindOnPage = (kind: OverviewKind, cursor: OverviewCursor | undefined): boolean =>
  cursor === undefined || OVERVIEW_KINDS.indexOf(kind) >= OVERVIEW_KINDS.indexOf(cursor.kind);

/** The names of `kind` on the page: in name order, after the cursor's name when it is of this kind, at most `room`. */
export function namesOnPage(kind: OverviewKind, names: readonly string[], cursor: OverviewCursor | undefined, room: number): string[] {
  if (!kindOnPage(kind, cursor) || room <= 0) return [];
  const sorted = [...names].sort();
  const after = cursor?.kind === kind ? cursor.after : undefined;
  return (after === undefined ? sorted : sorted.filter((name) => name > after)).slice(0, room);
}
