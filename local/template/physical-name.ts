import { createHash } from 'node:crypto';

/**
 * A deterministic physical name for a resource the template leaves unnamed: `${stack}-${logicalId}`
 * (plus a required suffix such as `.fifo`), shortened to the service's limit with a hash of the
 * full name so that two long names stay distinct. CloudFormation adds a random suffix instead; a
 * local runtime must find the same resource again on the next start.
 */
export function physicalName(stackName: string, logicalId: string, limits: { readonly maxLength: number; readonly suffix?: string }): string {
  const suffix = limits.suffix ?? '';
  const name = `${stackName}-${logicalId}`;
  const room = limits.maxLength - suffix.length;
  if (name.length <= room) return name + suffix;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, room - hash.length - 1)}-${hash}${suffix}`;
}
