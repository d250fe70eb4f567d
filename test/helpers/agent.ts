// A small browser stand-in over app.inject(): keeps cookies, reads the CSRF token of the
// last page and posts forms like a browser would (urlencoded or multipart).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class Agent {
  private cookies = new Map<string, string>();
  lastHtml = '';

  /** `sent` headers go with every request, e.g. those a proxy adds (X-Forwarded-For, -Proto). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly sent: Record<string, string> = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    if (this.cookies.size === 0) return { ...this.sent, ...extra };
    return { ...this.sent, ...extra, cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  /** The Cookie header this agent sends, for a request built by hand. */
  cookieHeader(): string {
    return this.headers().cookie ?? '';
  }

  private keepCookies(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as Array<{ name: string; value: string; expires?: Date }>) {
      if (cookie.expires && cookie.expires.getTime() < Date.now()) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: this.headers() });
    this.keepCookies(response);
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  /** The CSRF token of the last HTML page, or of a fresh GET of `pageUrl`. */
  async csrfToken(pageUrl?: string): Promise<string> {
    if (pageUrl) await this.get(pageUrl);
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!match) throw new Error('no CSRF token on the last page');
    return match[1];
  }

  /**
   * Posts a form, fetching `pageUrl` first to get its CSRF token (unless `_csrf` is given). A
   * list is sent as the same field repeated, as ticked checkboxes of one name are.
   */
  async post(url: string, fields: Record<string, string | readonly string[]>, pageUrl?: string): Promise<LightMyRequestResponse> {
    const token = typeof fields._csrf === 'string' ? fields._csrf : await this.csrfToken(pageUrl);
    const all: Array<[string, string | readonly string[]]> = Object.entries({ ...fields, _csrf: token });
    const pairs = all.flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value.map((item) => [name, item])));
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      payload: new URLSearchParams(pairs).toString(),
    });
    this.keepCookies(response);
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  /** Posts a multipart form with one optional file. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; filename: string; contentType: string; data: Buffer },
    pageUrl?: string,
  ): Promise<LightMyRequestResponse> {
    const token = fields._csrf ?? (await this.csrfToken(pageUrl));
    const form = new FormData();
    for (const [name, value] of Object.entries({ _csrf: token, ...fields })) form.append(name, value);
    if (file) form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.contentType }), file.filename);
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const payload = Buffer.from(await request.arrayBuffer());
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: this.headers({ 'content-type': request.headers.get('content-type')! }),
      payload,
    });
    this.keepCookies(response);
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  /** Logs in through the real login form. */
  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/connexion', { email, password }, '/connexion');
    if (response.statusCode !== 303) throw new Error(`login failed for ${email}: ${response.statusCode}`);
    return response;
  }
}
