// A browser's cookie jar and login for the two-process proof: one jar per person, used against
// either process, as a load balancer would send their requests.
import { cookieHeader, hiddenField, keepCookies, newAgent, request, type Answer } from '../bench/http.ts';

export type Jar = Map<string, string>;

const agent = newAgent(64);

/** A request with the person's cookies; the cookies the answer sets are kept. */
export async function ask(jar: Jar, url: string, form?: Record<string, string>): Promise<Answer> {
  const answer = await request(agent, url, { method: form ? 'POST' : 'GET', cookie: cookieHeader(jar), form });
  keepCookies(jar, answer.setCookies);
  return answer;
}

/** Logs in through the login form of the process at `appUrl`. */
export async function login(appUrl: string, email: string, password: string): Promise<Jar> {
  const jar: Jar = new Map();
  const page = await ask(jar, `${appUrl}/connexion`);
  const answer = await ask(jar, `${appUrl}/connexion`, { _csrf: hiddenField(page.body, '_csrf'), email, password });
  if (answer.status !== 303) throw new Error(`the login of ${email} answered ${answer.status}`);
  return jar;
}

/** An answer that sends a logged-in person back to the login page: their session is gone. */
export function sentToLogin(answer: Answer): boolean {
  return answer.status === 401 || (answer.status === 303 && (answer.location ?? '').startsWith('/connexion'));
}
