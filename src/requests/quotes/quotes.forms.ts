// The forms of quote rounds, shared by the provider's pages and the concierge's: their schemas,
// the reading of what was typed (an amount in euros, a day as people write it), and the PDF
// answer.
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.ts';
import { Fields, formSchema, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { t } from '../../platform/i18n/index.ts';
import { parseEuros } from '../../platform/money.ts';
import { QUOTE_VAT_RATES } from './quotes.rules.ts';
import { parseLocalDate } from '../../platform/calendar.ts';
import type { QuoteInput } from './quotes.service.ts';

/** The uploaded PDF, as multipart hands it over (a Buffer); checked by the service. */
const FileValue = Type.Optional(Type.Unsafe<Buffer>({}));

/** A quote: amount and day are read by `readQuoteForm`, so each refusal says what to type. */
export const QuoteBody = formSchema({
  amount: Type.Optional(Type.String({ maxLength: 30 })),
  valid_until: Type.Optional(Type.String({ maxLength: 20 })),
  vat_rate: Fields.choice(QUOTE_VAT_RATES.map(String)),
  note: Type.Optional(Fields.optionalText(1000)),
  file: FileValue,
});

export const DeclineBody = formSchema({ reason: Type.Optional(Fields.optionalText(500)) });
export const DoneBody = formSchema({});

/** One byte over the limit, so a heavy file comes back as a message next to its field. */
export function UPLOAD(config: Config) {
  return { multipartOptions: { limits: { fileSize: config.uploadMaxBytes + 1 }, throwFileSizeLimit: false } };
}

/** The typed fields of a quote, or the message of each field that does not read. */
export function readQuoteForm(values: FormValues): { errors: FieldErrors; input?: Omit<QuoteInput, 'pdf'> } {
  const errors: FieldErrors = {};
  const amountText = (values.amount ?? '').trim();
  const amountCents = amountText === '' ? undefined : parseEuros(amountText);
  if (amountText === '') errors.amount = t('errors.quote_amount_required');
  else if (amountCents === undefined) errors.amount = t('field.price');
  const validUntilDate = parseLocalDate(values.valid_until ?? '');
  if (!validUntilDate) errors.valid_until = t('errors.quote_date_format');
  const vatRateBp = Number(values.vat_rate);
  if (Object.keys(errors).length > 0 || amountCents === undefined || !validUntilDate) return { errors };
  return { errors, input: { amountCents, vatRateBp, validUntilDate, note: (values.note ?? '').trim() } };
}

export function sendPdf(reply: FastifyReply, file: { filename: string; bytes: Buffer }): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '-')}"`)
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
