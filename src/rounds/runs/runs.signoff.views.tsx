// The screen where the concierge ticks a drop-off point's paper list back in: one fieldset per
// member with big radio buttons (collected or not, and how an amount due was paid), one
// button for the whole list, no script. Lines already ticked in are shown as done.
import { formatDate } from '../../platform/clock.ts';
import { FORM_ERROR, type FieldErrors, type FormValues } from '../../platform/forms.ts';
import { t, tDynamic } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { FieldError, HiddenField, SubmitButton } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { dateText, trail } from '../rounds.components.tsx';
import { runPath, RUNS_PATH, signOffPath, signOffSheetPath } from './runs.paths.ts';
import { contentsOf, runLabel } from './runs.sheet.service.ts';
import { choiceField, methodField, PAID_ON_SITE, type SignOffLine, type SignOffList } from './runs.signoff.service.ts';

export interface SignOffForm {
  values: FormValues;
  errors: FieldErrors;
}

/** Every message of the form, those of a line linked to its fieldset; focused on arrival, as ui/forms.tsx's ErrorSummary. */
function Summary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{entries.length === 1 ? t('form.errors_title_one') : t('form.errors_title', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === FORM_ERROR ? message : <a href={`#champ-${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

function Radio({ name, value, label, checked }: { name: string; value: string; label: string; checked: boolean }) {
  return (
    <div class="radio signoff-radio">
      <input type="radio" id={`champ-${name}-${value}`} name={name} value={value} checked={checked} />
      <label for={`champ-${name}-${value}`}>{label}</label>
    </div>
  );
}

function MethodChoice({ line, form }: { line: SignOffLine; form: SignOffForm }) {
  const name = methodField(line.order.orderId);
  const error = form.errors[name];
  return (
    <fieldset class={error ? 'signoff-method field--error' : 'signoff-method'} id={`champ-${name}`} aria-describedby={error ? `erreur-${name}` : undefined}>
      <legend>{t('signoff.line.method_legend')}</legend>
      <FieldError field={name} message={error} />
      {PAID_ON_SITE.map((method) => (
        <Radio name={name} value={method} label={tDynamic(`counter.method.${method}`)} checked={form.values[name] === method} />
      ))}
    </fieldset>
  );
}

function doneText(line: SignOffLine, timeZone: string): string {
  if (!line.done) return '';
  if (line.done.outcome === 'delivered') return t('signoff.line.done_delivered', { date: formatDate(line.done.at, timeZone) });
  return t('signoff.line.done_absent');
}

function Line({ line, form, timeZone }: { line: SignOffLine; form: SignOffForm; timeZone: string }) {
  const { order } = line;
  const name = choiceField(order.orderId);
  return (
    <fieldset class={line.done ? 'signoff-line signoff-line--done' : 'signoff-line'} id={`ligne-${order.orderId}`}>
      <legend>{t('signoff.line.legend', { name: order.memberName, code: order.collectionCode })}</legend>
      <p>{t('signoff.line.contents', { contents: contentsOf(order).join(', ') })}</p>
      <p class="signoff-line__due">{order.dueCents > 0 ? t('signoff.line.due', { amount: formatEuros(order.dueCents) }) : t('signoff.line.paid')}</p>
      {line.done ? (
        <p class="signoff-line__status">{doneText(line, timeZone)}</p>
      ) : (
        <>
          <Radio name={name} value="collected" label={t('signoff.line.collected')} checked={form.values[name] === 'collected'} />
          {order.dueCents > 0 ? <MethodChoice line={line} form={form} /> : null}
          <Radio name={name} value="not_collected" label={t('signoff.line.not_collected')} checked={form.values[name] === 'not_collected'} />
        </>
      )}
    </fieldset>
  );
}

export function SignOffPage({ ctx, list, form }: { ctx: PageContext; list: SignOffList; form: SignOffForm }) {
  const { detail, stop, lines } = list;
  const runName = runLabel(detail);
  const title = t('signoff.page.title_of', { place: stop.name });
  const open = lines.some((line) => !line.done);
  return (
    <Page ctx={ctx} title={title} trail={trail([t('runs.day.trail'), `${RUNS_PATH}?date=${detail.run.runDate}`], [runName, runPath(detail.run.id)], [t('signoff.page.title')])} noindex>
      <h1>{title}</h1>
      <p>{t('signoff.page.lead', { place: stop.name, date: dateText(ctx, detail.run.runDate) })}</p>
      <p class="actions">
        <a href={signOffSheetPath(detail.run.id, stop.id)} class="button button--secondary">{t('signoff.page.print')}</a>
        <a href={runPath(detail.run.id)} class="button button--secondary">{t('signoff.page.back')}</a>
      </p>
      {lines.length === 0 ? <p>{t('signoff.page.empty')}</p> : null}
      {lines.length > 0 && !open ? <p class="notice">{t('signoff.page.all_done')}</p> : null}
      {lines.length > 0 ? (
        <form method="post" action={signOffPath(detail.run.id, stop.id)} class="form signoff" noValidate>
          <Summary errors={form.errors} />
          <HiddenField name="_csrf" value={ctx.csrfToken()} />
          {lines.map((line) => (
            <Line line={line} form={form} timeZone={ctx.timeZone} />
          ))}
          {open ? <SubmitButton>{t('signoff.submit')}</SubmitButton> : null}
        </form>
      ) : null}
    </Page>
  );
}
