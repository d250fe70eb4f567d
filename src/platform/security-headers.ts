// The security headers every answer carries (CSP, frame options, referrer policy…), written
// by helmet. @fastify/helmet builds helmet's middleware again on every request, parsing the
// CSP directives each time; these headers never vary by request here (no nonces), so they
// are computed once at start and copied onto each reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export type HeaderSet = Readonly<Record<string, string>>;

/** The headers helmet would write with these options, by lower-case name. */
export function securityHeadersOf(options: HelmetOptions): HeaderSet {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** Every reply, pages, files and errors alike, starts with these headers. */
export function installSecurityHeaders(app: FastifyInstance, headers: HeaderSet): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
