// The date a page of the concierge's day is about, as its address gives it: today in the
// town's time zone by default; an impossible date (2026-02-30) is a missing page.
import type { FastifyRequest } from 'fastify';
import { localDateOf } from '../places/index.ts';
import { nowIso } from '../platform/clock.ts';
import { DomainError } from '../platform/errors.ts';
import { isLocalDate } from './rounds.rules.ts';

export function todayOf(request: FastifyRequest): string {
  return localDateOf(nowIso(), request.server.config.timeZone);
}

export function dateAsked(request: FastifyRequest, asked: string | undefined): string {
  if (asked === undefined) return todayOf(request);
  if (!isLocalDate(asked)) throw new DomainError('not_found');
  return asked;
}
