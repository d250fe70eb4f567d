// A small HTTP client for the load process: keep-alive sockets, a cookie per request, form
// posts, and the latency of each request. The load generator of the checkout figures.
import http from 'node:http';

export interface Answer {
  status: number;
  location: string | undefined;
  setCookies: string[];
  body: string;
  ms: number;
}

export function newAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets });
}

export function request(
  agent: http.Agent,
  url: string,
  options: { method?: 'GET' | 'POST'; cookie?: string; form?: Record<string, string>; readBody?: boolean } = {},
): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  // The app runs as in production, behind a TLS proxy (TRUST_PROXY): its session cookie is Secure.
  const headers: http.OutgoingHttpHeaders = { 'x-forwarded-proto': 'https' };
  if (options.cookie) headers.cookie = options.cookie;
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = Buffer.byteLength(body);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const sent = http.request(url, { method: options.method ?? 'GET', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => options.readBody !== false && chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          setCookies: response.headers['set-cookie'] ?? [],
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** `name=value` pairs of Set-Cookie headers merged into a jar. */
export function keepCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

export function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The value of a hidden field in a page. */
/** Logs in through the site's form, as a person does; answers the cookie jar of the session. */
export async function logInThroughForm(agent: http.Agent, appUrl: string, email: string, password: string): Promise<Map<string, string>> {
  const jar = new Map<string, string>();
  const form = await request(agent, `${appUrl}/connexion`);
  keepCookies(jar, form.setCookies);
  const answer = await request(agent, `${appUrl}/connexion`, { method: 'POST', cookie: cookieHeader(jar), form: { _csrf: hiddenField(form.body, '_csrf'), email, password } });
  if (answer.status !== 303) throw new Error(`logging in as ${email} answered ${answer.status}`);
  keepCookies(jar, answer.setCookies);
  return jar;
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no field ${name} in the page`);
  return match[1];
}

export function percentile(sortedMs: number[], fraction: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil(fraction * sortedMs.length) - 1)];
}
