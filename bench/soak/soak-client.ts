export interface SoakResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** HTTP against the Postroom under soak, counting what the soak must never see: 5xx answers and failed requests. */
export class SoakClient {
  serverErrors = 0;
  /** The first few unexpected answers, for the report. */
  readonly unexpected: string[] = [];

  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SoakResponse> {
    const response = await fetch(`${this.#baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (response.status >= 500) this.serverErrors += 1;
    return { status: response.status, headers: response.headers, body: parsed };
  }

  /** A call that must answer `status`; anything else is noted (and a 5xx counted) and thrown. */
  async expect(status: number, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<SoakResponse> {
    const response = await this.call(method, path, body, headers);
    if (response.status !== status) {
      const line = `${method} ${path} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
      if (this.unexpected.length < 10) this.unexpected.push(line);
      throw new Error(line);
    }
    return response;
  }
}
