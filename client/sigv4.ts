/**
 * SigV4 signing for a deployed stack, whose routes API Gateway authorizes with IAM (service
 * execute-api). Loaded by a dynamic import only when signing, so an unsigned client (a browser
 * against `npm start`, say) carries none of it; the AWS SDK's signer does the signing.
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SigningOptions {
  /**
   * The API's region.
   * @default the region in an `execute-api.<region>.amazonaws.com` endpoint, else AWS_REGION, else us-east-1
   */
  readonly region?: string;
  /**
   * Credentials, or a function that resolves them (refreshed as the SDK's providers are).
   * @default the AWS SDK's default credential chain (environment, profile, SSO, instance role…)
   */
  readonly credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
}

/** Signs a request; returns the headers to send. */
export type RequestSigner = (method: string, url: URL, headers: Headers, body: string | undefined) => Promise<Headers>;

export async function createSigner(endpoint: URL, options: SigningOptions): Promise<RequestSigner> {
  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
  const credentials = options.credentials ?? (await import('@aws-sdk/credential-provider-node')).defaultProvider();
  const signer = new SignatureV4({ service: 'execute-api', region: options.region ?? regionOf(endpoint), credentials, sha256: Sha256 });
  return async (method, url, headers, body) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port && { port: Number(url.port) }),
      path: url.pathname,
      query: queryOf(url),
      headers: { ...Object.fromEntries(headers), host: url.host },
      body,
    });
    // fetch sends Host itself (browsers refuse to set it): the same value as signed.
    const { host: _, ...sent } = signed.headers;
    return new Headers(sent);
  };
}

/** Query parameters as the signer takes them: a repeated name as a list. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function regionOf(endpoint: URL): string {
  const fromHost = /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(endpoint.hostname)?.[1];
  const env = typeof process === 'undefined' ? undefined : (process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION);
  return fromHost ?? env ?? 'us-east-1';
}
