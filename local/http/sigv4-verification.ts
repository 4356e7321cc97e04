import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { GatewayRequest } from './http-api-event.ts';

/** The one key the local gateway accepts signatures of, when asked to check them. */
export interface SigV4Key {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** `POSTROOM_SIGV4_VERIFY=<accessKeyId>:<secretAccessKey>`. */
export function parseSigV4Key(value: string): SigV4Key {
  const separator = value.indexOf(':');
  if (separator <= 0 || separator === value.length - 1) throw new Error('POSTROOM_SIGV4_VERIFY must be <accessKeyId>:<secretAccessKey>');
  return { accessKeyId: value.slice(0, separator), secretAccessKey: value.slice(separator + 1) };
}

/** API Gateway's answers to a request its IAM authorization refuses (403, `{"message": …}`). */
export const sigV4Refusals = {
  unsigned: 'Forbidden',
  unknownKey: 'The security token included in the request is invalid.',
  mismatch: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  expired: 'Signature expired: the request was signed more than 15 minutes away from now.',
};

/** API Gateway accepts a signature dated within 15 minutes of its clock. */
const maxSkewMs = 15 * 60 * 1000;
const authorizationPattern = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks a request's SigV4 signature as API Gateway's IAM authorization does, with the SDK's own
 * signer: signs the request again with the key (the same signed headers, date and scope) and
 * compares. Returns why it is refused, or undefined when the signature holds. There is no policy:
 * any route is allowed to the key.
 */
export function sigV4Verifier(key: SigV4Key): (request: GatewayRequest) => Promise<string | undefined> {
  return async (request) => {
    const headers = new Map(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
    const match = authorizationPattern.exec(headers.get('authorization') ?? '');
    if (!match) return sigV4Refusals.unsigned;
    const [, accessKeyId, , region, service, signedHeaders] = match as unknown as [string, string, string, string, string, string];
    if (accessKeyId !== key.accessKeyId) return sigV4Refusals.unknownKey;
    const signedAt = parseAmzDate(headers.get('x-amz-date'));
    if (service !== 'execute-api' || signedAt === undefined) return sigV4Refusals.mismatch;
    if (Math.abs(signedAt.getTime() - request.receivedAt.getTime()) > maxSkewMs) return sigV4Refusals.expired;
    // The signer takes a payload hash header as given: it must be the hash of the body received.
    const payloadHash = headers.get('x-amz-content-sha256');
    if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(request.body).digest('hex')) return sigV4Refusals.mismatch;

    const url = new URL(request.url, 'http://gateway');
    const query: Record<string, string | string[]> = {};
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      query[name] = values.length === 1 ? values[0]! : values;
    }
    const signer = new SignatureV4({ service, region, credentials: key, sha256: Sha256 });
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: (headers.get('host') ?? '').replace(/:\d+$/, ''),
        path: url.pathname,
        query,
        headers: Object.fromEntries(signedHeaders.split(';').map((name) => [name, headers.get(name) ?? ''])),
        body: request.body.length > 0 ? request.body : undefined,
      },
      { signingDate: signedAt },
    );
    return signed.headers.authorization === headers.get('authorization') ? undefined : sigV4Refusals.mismatch;
  };
}

/** `20261201T053000Z` → that instant. */
function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return match ? new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`) : undefined;
}
