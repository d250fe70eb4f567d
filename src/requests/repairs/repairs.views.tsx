// The sections of a repair: where the item is and where it went (for the member and the
// follow page, without the staff's names), and for the concierge the intake form, the buttons
// that move the item, its papers, the price with the bonus réparation and the provider's
// photos and invoice; the counter's shelves; a form page when a form comes back refused.
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../platform/clock.ts';
import { t, tDynamic, tPlural } from '../../platform/i18n/index.ts';
import { formatEuros } from '../../platform/money.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { imageUrl } from '../../platform/images/images.ts';
import { Checkbox, FileField, Form, HiddenField, RadioGroup, SelectField, SubmitButton, TextField, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { REQUESTS_PATH, requestPath } from '../requests.paths.ts';
import { requestNumberLabel } from '../requests.rules.ts';
import { COUNTER_ITEMS_PATH, repairInvoicePath, repairPath } from './repairs.paths.ts';
import type { CounterShelf, ItemMoveView, RepairView } from './repairs.read.service.ts';
import type { RepairItem } from './repairs.repository.ts';
import { BONUS_CODES, movesFrom } from './repairs.rules.ts';
import type { ProviderChoice } from './repairs.service.ts';

/** Where the item is now, in the member's words. */
export function whereText(view: RepairView, timeZone: string): string {
  const item = view.item;
  if (!item) return t('repairs.where.none');
  if (item.status === 'at_provider') return t('repairs.where.at_provider', { name: view.providerName ?? '' });
  if (item.status === 'handed_back') return t('repairs.where.handed_back', { date: formatDate(item.handedBackAt ?? item.statusChangedAt, timeZone) });
  return t('repairs.where.at_counter', { shelf: item.shelf });
}

function moveText(move: ItemMoveView, timeZone: string): string {
  const date = formatDate(move.at, timeZone);
  if (move.toStatus === 'at_provider') return t('repairs.moves.at_provider', { date, name: move.providerName ?? '' });
  if (move.toStatus === 'handed_back') return t('repairs.moves.handed_back', { date });
  return t('repairs.moves.at_counter', { date, shelf: move.shelf ?? '' });
}

/** The item's moves; `staff` adds who made each one (the concierge's page only). */
function Moves({ view, timeZone, staff }: { view: RepairView; timeZone: string; staff?: boolean }) {
  if (view.moves.length === 0) return null;
  return (
    <>
      <h3>{t('repairs.moves.title')}</h3>
      <ol class="repair-moves">
        {view.moves.map((move) => (
          <li>
            {moveText(move, timeZone)}
            {staff ? <span class="muted"> {t('repairs.moves.by', { who: move.actorLabel })}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Price({ view }: { view: RepairView }) {
  const price = view.price;
  if (!price) return null;
  const final = view.item?.finalPriceCents !== null && view.item?.finalPriceCents !== undefined;
  // Once the item is back with its member, its order was settled at the counter: nothing is left to pay.
  const due = view.item?.status !== 'handed_back' && (price.bonusCents > 0 || final);
  return (
    <ul class="repair-price">
      <li>{final ? t('repairs.bonus.price', { amount: formatEuros(price.priceCents) }) : t('repairs.bonus.agreed', { amount: formatEuros(price.priceCents) })}</li>
      {price.bonusCents > 0 ? <li>{t('repairs.bonus.line', { amount: formatEuros(price.bonusCents) })}</li> : null}
      {due ? <li class="repair-price__due">{t('repairs.bonus.due', { amount: formatEuros(price.dueCents) })}</li> : null}
    </ul>
  );
}

/** The member's and the follow page's section: where the item is, where it went, what it costs. */
export function ItemWhereabouts({ view, timeZone, heading }: { view: RepairView; timeZone: string; heading: string }) {
  return (
    <section class="panel repair-where" aria-labelledby="objet-ou">
      <h2 id="objet-ou">{heading}</h2>
      <p class="lead">{whereText(view, timeZone)}</p>
      <Price view={view} />
      <Moves view={view} timeZone={timeZone} />
    </section>
  );
}

// ---- the concierge ----

export const intakeLabels = (): Record<string, string> => ({
  description: t('repairs.intake.description'),
  provider: t('repairs.intake.provider'),
  shelf: t('repairs.intake.shelf'),
  price: t('repairs.intake.price'),
  bonus_code: t('repairs.intake.bonus_code'),
});

export function IntakeForm({ ctx, requestId, providers, state }: { ctx: PageContext; requestId: string; providers: ProviderChoice[]; state: FormState }) {
  const bonusOptions: Array<[string, string]> = [['', t('repairs.intake.bonus_none')], ...BONUS_CODES.map((code): [string, string] => [code, tDynamic(`repairs.bonus.${code}`)])];
  return (
    <Form ctx={ctx} action={repairPath(requestId, 'depot')} state={state} labels={intakeLabels()}>
      <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
      <TextField name="description" label={t('repairs.intake.description')} hint={t('repairs.intake.description_hint')} state={state} required />
      <SelectField name="provider" label={t('repairs.intake.provider')} state={state} options={providers.map((provider) => [provider.id, provider.name])} placeholder={t('repairs.intake.provider_choose')} required />
      <TextField name="shelf" label={t('repairs.intake.shelf')} hint={t('repairs.intake.shelf_hint')} state={state} size="short" required />
      <TextField name="price" label={t('repairs.intake.price')} hint={t('repairs.intake.price_hint')} state={state} size="short" inputMode="decimal" />
      <Checkbox name="bonus_eligible" label={t('repairs.intake.bonus_eligible')} hint={t('repairs.intake.bonus_eligible_hint')} state={state} />
      <SelectField name="bonus_code" label={t('repairs.intake.bonus_code')} hint={t('repairs.intake.bonus_code_hint')} state={state} options={bonusOptions} />
      <SubmitButton>{t('repairs.intake.submit')}</SubmitButton>
    </Form>
  );
}

export const returnLabels = (): Record<string, string> => ({ shelf: t('repairs.actions.back_shelf'), price: t('repairs.actions.back_price') });

export function ReturnForm({ ctx, requestId, item, state }: { ctx: PageContext; requestId: string; item: RepairItem; state: FormState }) {
  const priced = item.orderId !== null && item.finalPriceCents !== null;
  return (
    <Form ctx={ctx} action={repairPath(requestId, 'retour')} state={state} labels={returnLabels()}>
      <p>{t('repairs.actions.back_lead')}</p>
      <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
      <TextField name="shelf" label={t('repairs.actions.back_shelf')} state={state} size="short" defaultValue={item.shelf} required />
      {priced ? (
        <p>{t('repairs.actions.back_priced', { amount: formatEuros(item.finalPriceCents ?? 0), code: item.orderCode ?? '' })}</p>
      ) : (
        <TextField name="price" label={t('repairs.actions.back_price')} state={state} size="short" inputMode="decimal" defaultValue={item.agreedPriceCents ? formatEuros(item.agreedPriceCents).replace(/\s*€$/, '') : ''} required />
      )}
      <SubmitButton>{t('repairs.actions.back')}</SubmitButton>
    </Form>
  );
}

function OneButton({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}

function Actions({ ctx, view, returnState }: { ctx: PageContext; view: RepairView & { item: RepairItem }; returnState: FormState }) {
  const moves = movesFrom(view.request.status);
  if (moves.length === 0) return null;
  const id = view.request.id;
  return (
    <section class="panel" aria-labelledby="objet-actions">
      <h2 id="objet-actions">{t('repairs.actions.title')}</h2>
      {moves.includes('back_at_counter') ? <ReturnForm ctx={ctx} requestId={id} item={view.item} state={returnState} /> : null}
      {moves.includes('hand_back') ? (
        <>
          {view.item.orderCode ? <p>{t('repairs.actions.hand_back_lead', { code: view.item.orderCode })}</p> : null}
          <OneButton ctx={ctx} action={repairPath(id, 'rendu')} label={t('repairs.actions.hand_back')} />
        </>
      ) : null}
      {moves.includes('to_provider') ? (
        <OneButton ctx={ctx} action={repairPath(id, 'chez-artisan')} label={view.request.status === 'ready' ? t('repairs.actions.redo') : t('repairs.actions.to_provider')} />
      ) : null}
    </section>
  );
}

function Papers({ requestId }: { requestId: string }) {
  return (
    <section class="panel" aria-labelledby="objet-papiers">
      <h2 id="objet-papiers">{t('repairs.papers.title')}</h2>
      <p class="actions">
        <a class="button button--secondary" href={repairPath(requestId, 'etiquette.pdf')}>
          {t('repairs.papers.label')}
        </a>
        <a class="button button--secondary" href={repairPath(requestId, 'recu.pdf')}>
          {t('repairs.papers.receipt')}
        </a>
      </p>
      <p class="muted">{t('repairs.papers.receipt_hint')}</p>
    </section>
  );
}

export const attachmentLabels = (): Record<string, string> => ({ kind: t('repairs.attachments.kind'), file: t('repairs.attachments.file') });

export function AttachmentForm({ ctx, requestId, state }: { ctx: PageContext; requestId: string; state: FormState }) {
  const kinds: Array<[string, string]> = (['photo_before', 'photo_after', 'invoice'] as const).map((kind) => [kind, t(`repairs.attachments.${kind}`)]);
  return (
    <Form ctx={ctx} action={repairPath(requestId, 'pieces')} state={state} labels={attachmentLabels()} multipart>
      <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
      <RadioGroup name="kind" label={t('repairs.attachments.kind')} state={state} options={kinds} required />
      <FileField name="file" label={t('repairs.attachments.file')} hint={t('repairs.attachments.file_hint')} state={state} accept="image/jpeg,image/png,image/webp,application/pdf" required />
      <SubmitButton>{t('repairs.attachments.submit')}</SubmitButton>
    </Form>
  );
}

function Attachments({ ctx, view, attachState }: { ctx: PageContext; view: RepairView & { item: RepairItem }; attachState: FormState }) {
  const number = requestNumberLabel(view.request.number);
  const item = view.item;
  return (
    <section class="panel" aria-labelledby="objet-bonus">
      <h2 id="objet-bonus">{t('repairs.bonus.title')}</h2>
      <Price view={view} />
      {item.bonusEligible && item.bonusCode ? <p>{t('repairs.bonus.eligible', { repair: tDynamic(`repairs.bonus.${item.bonusCode}`) })}</p> : null}
      {item.orderCode ? <p>{t('repairs.bonus.order', { code: item.orderCode })}</p> : null}
      <h3>{t('repairs.attachments.title')}</h3>
      {item.bonusEligible ? <p class="muted">{t('repairs.bonus.claim')}</p> : null}
      {view.attachments.length === 0 ? <p>{t('repairs.attachments.none')}</p> : null}
      <ul class="repair-attachments">
        {view.attachments.map((attachment) => {
          const kind = t(`repairs.attachments.${attachment.kind}`);
          const added = t('repairs.attachments.added_on', { date: formatDate(attachment.createdAt, ctx.timeZone) });
          return attachment.imageId ? (
            <li>
              <figure>
                <img src={imageUrl(attachment.imageId)} alt={t('repairs.attachments.photo_alt', { kind, number })} width="240" />
                <figcaption>
                  {kind}, {added}
                </figcaption>
              </figure>
            </li>
          ) : (
            <li>
              <a href={repairInvoicePath(view.request.id, attachment.id)}>{kind}</a>, {added}
            </li>
          );
        })}
      </ul>
      <AttachmentForm ctx={ctx} requestId={view.request.id} state={attachState} />
    </section>
  );
}

export interface ConciergeForms {
  intake: FormState;
  back: FormState;
  attach: FormState;
}

/** The concierge's sections of a repair request. */
export function ConciergeRepair({ ctx, view, providers, forms }: { ctx: PageContext; view: RepairView; providers: ProviderChoice[]; forms: ConciergeForms }) {
  const id = view.request.id;
  if (!view.item) {
    if (view.request.status !== 'new') return null;
    return (
      <section class="panel" aria-labelledby="objet-depot">
        <h2 id="objet-depot">{t('repairs.intake.title')}</h2>
        <p>{t('repairs.intake.lead')}</p>
        <IntakeForm ctx={ctx} requestId={id} providers={providers} state={forms.intake} />
      </section>
    );
  }
  const withItem = { ...view, item: view.item };
  return (
    <>
      <section class="panel repair-where" aria-labelledby="objet-ou">
        <h2 id="objet-ou">{t('repairs.where.title')}</h2>
        <p class="lead">{whereText(view, ctx.timeZone)}</p>
        <p>{view.item.description}</p>
        <Moves view={view} timeZone={ctx.timeZone} staff />
        <p>
          <a href={COUNTER_ITEMS_PATH}>{t('repairs.counter.link')}</a>
        </p>
      </section>
      <Actions ctx={ctx} view={withItem} returnState={forms.back} />
      <Papers requestId={id} />
      <Attachments ctx={ctx} view={withItem} attachState={forms.attach} />
    </>
  );
}

/** A form of the repair on its own page, when it came back refused: the message beside its field, what was typed kept. */
export function RepairFormPage({ ctx, number, requestId, action, children }: { ctx: PageContext; number: number; requestId: string; action: string; children: ComponentChildren }) {
  const label = requestNumberLabel(number);
  const title = t('repairs.form.page_title', { action, number: label });
  return (
    <Page ctx={ctx} title={title} trail={[[t('requests.list.title'), REQUESTS_PATH], [label, requestPath(requestId)], [action]]} noindex>
      <h1>{title}</h1>
      {children}
      <p>
        <a href={requestPath(requestId)}>{t('repairs.form.back')}</a>
      </p>
    </Page>
  );
}

export function CounterItemsPage({ ctx, shelves }: { ctx: PageContext; shelves: CounterShelf[] }) {
  const title = t('repairs.counter.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('requests.list.title'), REQUESTS_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p>{t('repairs.counter.lead')}</p>
      {shelves.length === 0 ? <p class="notice">{t('repairs.counter.none')}</p> : null}
      {shelves.map((shelf) => (
        <section aria-labelledby={`etagere-${shelf.shelf}`}>
          <h2 id={`etagere-${shelf.shelf}`}>{t('repairs.counter.shelf', { shelf: shelf.shelf })}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('repairs.counter.number')}</th>
                  <th scope="col">{t('repairs.counter.member')}</th>
                  <th scope="col">{t('repairs.counter.what')}</th>
                  <th scope="col">{t('repairs.counter.step')}</th>
                  <th scope="col">{t('repairs.counter.days')}</th>
                </tr>
              </thead>
              <tbody>
                {shelf.items.map((item) => (
                  <tr>
                    <td>
                      <a href={requestPath(item.requestId)}>{requestNumberLabel(item.number)}</a>
                    </td>
                    <td>{item.memberName}</td>
                    <td>{item.description}</td>
                    <td>{tDynamic(`requests.status.${item.requestStatus}`)}</td>
                    <td>{item.daysThere === 0 ? t('requests.list.today') : tPlural('requests.list.days', item.daysThere)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Page>
  );
}

/** The link to the shelves, for the requests' list. */
export function CounterItemsLink() {
  return <a href={COUNTER_ITEMS_PATH}>{t('repairs.counter.link')}</a>;
}
