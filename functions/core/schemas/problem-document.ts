import * as z from 'zod/mini';

/**
 * The RFC 9457 problem document every error answers with (see core/problems/problem.ts), with
 * the extension members some problems add. Open: a problem may carry more members.
 */
export const problemDocumentSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int().check(z.gte(400), z.lte(599)),
  code: z.string(),
  detail: z.string(),
  instance: z.optional(z.string()),
  /** invalid_request: every issue, with the path of the member it is about. */
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** *_exists_with_different_settings: each setting that differs. */
  differences: z.optional(z.array(z.looseObject({ setting: z.string() }))),
  /** method_not_allowed: the methods the path has. */
  allowed: z.optional(z.array(z.string())),
  /** queue_limit_reached: the quota that was reached (e.g. `SNS filter policies per account`). */
  quota: z.optional(z.string()),
  /** route_not_found: the nearest route, when one is near. */
  suggestion: z.optional(z.string()),
});
