// What the desk's basket page says about a basket that did not start with this call: one left
// from an earlier call (« Panier commencé le … : le reprendre ou le vider ? ») and one kept by
// a membership request, to take up by its number.
import { formatDateTime } from '../../platform/clock.ts';
import { t } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { Form, type FormState, HiddenField, SubmitButton, TextField } from '../../ui/forms.tsx';
import { formatBasketNumber } from '../site/membership.rules.ts';
import type { RequestWithBasket } from '../site/membership.service.ts';
import { KeptBasket } from '../site/membership.views.tsx';
import { deskMemberPath } from '../orders.paths.ts';
import { Csrf, deskActionPath, deskHref, MailCarried } from './desk.components.tsx';
import type { DeskBasket } from './desk.service.ts';

/** The basket's first line: when the basket was started. */
function startedAt(desk: DeskBasket): string | undefined {
  return desk.basket.items.map((item) => item.line.createdAt).sort()[0];
}

/** A basket left from an earlier call: keep it (the page without the question) or empty it. */
export function ResumeChoice({ ctx, desk, mailId, query }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; query: string }) {
  const started = startedAt(desk);
  if (!started) return null;
  return (
    <section class="panel panel--warning" aria-labelledby="panier-commence">
      <h2 id="panier-commence">{t('desk.resume.lead', { date: formatDateTime(started, ctx.timeZone) })}</h2>
      <div class="actions">
        <a class="button" href={deskHref(deskMemberPath(desk.member.id), { q: query || undefined, courriel: mailId })}>
          {t('desk.resume.keep')}
        </a>
        <form method="post" action={deskActionPath(desk.member.id, 'vider')} class="inline-form">
          <Csrf ctx={ctx} />
          <MailCarried mailId={mailId} />
          <SubmitButton secondary>{t('desk.resume.empty')}</SubmitButton>
        </form>
      </div>
    </section>
  );
}

/** The member just registered from a membership request: its basket, and the one button that takes it up. */
export function TakeUpPanel({ ctx, desk, mailId, found }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; found: RequestWithBasket }) {
  const number = formatBasketNumber(found.request.basketNumber);
  return (
    <section class="panel" aria-labelledby="demande-adhesion">
      <h2 id="demande-adhesion">{t('desk.takeup.title')}</h2>
      <p>{t('desk.takeup.lead_number', { total: formatEuros(found.basket.totalCents) })}</p>
      <KeptBasket basket={found.basket} headingId="panier-demande" heading={t('join.list.number', { number })} level={3} />
      <form method="post" action={deskActionPath(desk.member.id, 'reprendre')} class="inline-form">
        <Csrf ctx={ctx} />
        <MailCarried mailId={mailId} />
        <HiddenField name="basket_number" value={found.request.basketNumber} />
        <SubmitButton>{t('desk.takeup.submit_number', { number })}</SubmitButton>
      </form>
    </section>
  );
}

/** A basket number read out on the phone, typed in; folded away unless a refusal is to be read. */
export function TakeUpByNumber({ ctx, desk, mailId, state }: { ctx: PageContext; desk: DeskBasket; mailId: string | undefined; state: FormState | undefined }) {
  const form = state ?? { values: {}, errors: {} };
  const labels = { basket_number: t('desk.takeup.label') };
  return (
    <details class="desk-takeup" open={state !== undefined}>
      <summary>{t('desk.takeup.title')}</summary>
      <Form ctx={ctx} action={deskActionPath(desk.member.id, 'reprendre')} state={form} labels={labels}>
        <MailCarried mailId={mailId} />
        <TextField name="basket_number" label={labels.basket_number} hint={t('desk.takeup.hint')} state={form} required autocomplete="off" size="short" />
        <SubmitButton secondary>{t('desk.takeup.submit')}</SubmitButton>
      </Form>
    </details>
  );
}
