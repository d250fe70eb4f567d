// Expected refusals are DomainErrors carrying a code from the dictionary; one handler turns
// them into an HTTP status and a French message next to the right field.
import type { MessageKey, MessageParams } from './i18n/index.ts';

type ErrorKey = Extract<MessageKey, `errors.${string}`>;
export type ErrorCode = ErrorKey extends `errors.${infer Code}` ? Code : never;

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  not_found: 404,
  forbidden: 403,
  login_required: 401,
  csrf: 403,
  too_many_requests: 429,
  bad_request: 400,
  invalid_credentials: 401,
  account_disabled: 403,
  login_locked: 429,
  totp_invalid: 401,
  totp_used: 401,
  email_taken: 409,
  siret_taken: 409,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The form field the message belongs next to, when there is one. */
    readonly field?: string,
    readonly params: MessageParams = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS_BY_CODE[this.code] ?? 422;
  }
}

export function notFound(): DomainError {
  return new DomainError('not_found');
}

export function messageKeyOf(code: ErrorCode): MessageKey {
  return `errors.${code}` as MessageKey;
}
