// The pieces of quote pages every reader shares: a quote's card (amount, provider, valid until,
// PDF, labels), the list of a request's quotes with an action slot under each, and the
// provider's view of the request.
import type { ComponentChildren } from 'preact';
import { formatLocalDate } from '../../platform/calendar.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros, formatRate } from '../../platform/money.ts';
import { formatPhone } from '../../platform/typography.ts';
import { telHref } from '../../ui/site-header.tsx';
import type { QuoteLine } from './quotes.service.ts';
import { isStillValid } from './quotes.rules.ts';

export function validityText(validUntilDate: string, today: string): string {
  return isStillValid(validUntilDate, today)
    ? t('quotes.valid_until_value', { date: formatLocalDate(validUntilDate, today) })
    : t('quotes.expired_since', { date: formatLocalDate(validUntilDate, today) });
}

/** The facts of one quote; `pdfHref` when the reader may open its PDF. */
export function QuoteFacts({ line, today, pdfHref }: { line: QuoteLine; today: string; pdfHref?: string }) {
  if (line.amountCents === null || line.validUntilDate === null) return null;
  return (
    <>
      <dl class="facts">
        <dt>{t('quotes.amount')}</dt>
        <dd class="price">{formatEuros(line.amountCents)}</dd>
        <dt>{t('quotes.valid_until')}</dt>
        <dd>{validityText(line.validUntilDate, today)}</dd>
        {line.vatRateBp !== null ? (
          <>
            <dt>{t('quotes.vat')}</dt>
            <dd>{formatRate(line.vatRateBp)}</dd>
          </>
        ) : null}
        {line.provider.labels.length > 0 ? (
          <>
            <dt>{t('quotes.labels')}</dt>
            <dd>{line.provider.labels.join(', ')}</dd>
          </>
        ) : null}
        {line.note.trim() && line.status !== 'declined' ? (
          <>
            <dt>{t('quotes.note')}</dt>
            <dd class="pre-line">{line.note}</dd>
          </>
        ) : null}
      </dl>
      {pdfHref && line.hasPdf ? (
        <p>
          <a href={pdfHref}>{t('quotes.pdf_of', { name: line.provider.name })}</a>
        </p>
      ) : null}
    </>
  );
}

/** The quotes of a request as cards; `actions(line)` adds what the reader may do under each. */
export function QuoteCards({ lines, today, pdfHref, actions, headingLevel = 3 }: { lines: QuoteLine[]; today: string; pdfHref?: (line: QuoteLine) => string; actions?: (line: QuoteLine) => ComponentChildren; headingLevel?: 3 | 4 }) {
  if (lines.length === 0) return <p>{t('quotes.none')}</p>;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <ul class="cards quote-cards">
      {lines.map((line) => (
        <li class="card">
          <Heading>{line.provider.name}</Heading>
          <p>
            <span class="badge">{tDynamic(`quotes.status.${line.status}`)}</span>
          </p>
          <QuoteFacts line={line} today={today} pdfHref={pdfHref?.(line)} />
          {actions?.(line)}
        </li>
      ))}
    </ul>
  );
}

/** A phone number as a link that calls. */
export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a href={telHref(phone)} class="nowrap">
      {formatPhone(phone)}
    </a>
  );
}
