// What the request log keeps of a request. A password link carries its token in the path
// (/mot-de-passe/<token>): the log, read by whoever runs the server and kept for months,
// must never hold a live credential, so the token is replaced before the line is written.
import type { FastifyRequest } from 'fastify';

const PERSONAL_LINK_PATH = /^(\/mot-de-passe\/)[^/?#]+/;
/** The erasure link (/effacement/<member>/<expiry>/<token>) and the unsubscribe link (/desabonnement/<member>/<token>) are credentials too. */
const SIGNED_LINK_PATH = /^(\/effacement\/[^/?#]+\/[^/?#]+\/|\/desabonnement\/[^/?#]+\/)[^/?#]+/;

/** The URL as the log keeps it: a personal link's token replaced by « … ». */
export function urlForLog(url: string): string {
  return url.replace(PERSONAL_LINK_PATH, '$1…').replace(SIGNED_LINK_PATH, '$1…');
}

/** fastify's default request fields, the URL redacted. */
export function requestForLog(request: Pick<FastifyRequest, 'method' | 'url' | 'host' | 'ip'> & { socket?: { remotePort?: number } }): Record<string, unknown> {
  return { method: request.method, url: urlForLog(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
