// The concierge's pages of the town's shops: the directory and one shop's page (identity,
// membership stage, storefront links, opening hours, merchant accounts).
import type { VNode } from 'preact';
import { formatDate } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Form, RadioGroup, SelectField, TextArea, emptyForm, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import type { Category, Shop } from './shops.repository.ts';
import { EXIT_REASONS, SHOP_STAGES, STAGE_TRANSITIONS, needsReason, formatOpeningHours, formatSiret, stageMoveLabelKey, type ShopStage } from './shops.rules.ts';
import { MerchantAccounts } from './shops.accounts.views.tsx';
import type { Directory, DirectoryQuery, ShopRecord } from './shops.service.ts';
import { EXPORT_SHOPS_PATH, IMPORT_SHOPS_PATH } from './shops.paths.ts';
import { DIRECTORY_PATH, NEW_SHOP_PATH, editShopPath, hoursPath, merchantAccountsPath, shopPath, shopStagePath, shopTermsLinkPath, storefrontPath, publicShopPath } from './shops.paths.ts';
import { Pager } from '../ui/pager.tsx';
import { FieldError } from '../ui/forms.tsx';
import { BACKOFFICE_PATH, backOfficePath } from '../platform/paths.ts';
import { formatPhone } from '../platform/typography.ts';
import { ProviderSection, providerBadgeText, tradesText } from './providers.views.tsx';
import { SHOP_KINDS, type ShopKind } from './providers.rules.ts';

export function stageLabel(stage: ShopStage): string {
  return tDynamic(`shops.stage.${stage}`);
}

/** The directory's address with its filters, so pages and stage links keep the search. */
function directoryHref(query: DirectoryQuery): string {
  const params = new URLSearchParams();
  if (query.query) params.set('q', query.query);
  if (query.stage) params.set('etape', query.stage);
  if (query.kind) params.set('genre', query.kind);
  if (query.categoryCode) params.set('categorie', query.categoryCode);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `${DIRECTORY_PATH}?${search}` : DIRECTORY_PATH;
}

function directorySummary(directory: Directory): string {
  const total = SHOP_STAGES.reduce((sum, stage) => sum + directory.stageCounts[stage], 0);
  if (total === 0) return t('shops.directory.summary_empty');
  const members = directory.stageCounts.member;
  return members === 1 ? t('shops.directory.summary_one_member', { total }) : t('shops.directory.summary', { members, total });
}

function StageCounts({ directory, query }: { directory: Directory; query: DirectoryQuery }) {
  const total = SHOP_STAGES.reduce((sum, stage) => sum + directory.stageCounts[stage], 0);
  const entries: Array<[ShopStage | undefined, string, number]> = [
    [undefined, t('shops.directory.all'), total],
    ...SHOP_STAGES.map((stage): [ShopStage, string, number] => [stage, stageLabel(stage), directory.stageCounts[stage]]),
  ];
  return (
    <nav aria-label={t('shops.directory.by_stage')}>
      <ul class="pills">
        {entries.map(([stage, label, count]) => (
          <li>
            <a href={directoryHref({ ...query, stage, page: 1 })} aria-current={query.stage === stage ? 'page' : undefined}>
              {label} ({count})
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function kindFilterLabel(kind: ShopKind): string {
  return kind === 'provider' ? t('providers.directory.providers') : t('providers.directory.shops');
}

/** « Tous · Commerces · Prestataires »: one tap to the providers. */
function KindLinks({ query }: { query: DirectoryQuery }) {
  const entries: Array<[ShopKind | undefined, string]> = [[undefined, t('providers.directory.any_kind')], ...SHOP_KINDS.map((kind): [ShopKind, string] => [kind, kindFilterLabel(kind)])];
  return (
    <nav aria-label={t('providers.directory.by_kind')}>
      <ul class="pills">
        {entries.map(([kind, label]) => (
          <li>
            <a href={directoryHref({ ...query, kind, page: 1 })} aria-current={query.kind === kind ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DirectorySearch({ query, categories }: { query: DirectoryQuery; categories: Category[] }) {
  return (
    <form method="get" action={DIRECTORY_PATH} class="search-form" role="search" aria-labelledby="recherche-commerces">
      <h2 id="recherche-commerces" class="visually-hidden">
        {t('shops.directory.search_title')}
      </h2>
      <div class="field">
        <label for="champ-q">{t('shops.directory.search_label')}</label>
        <p class="field__hint" id="aide-q">
          {t('shops.directory.search_hint')}
        </p>
        <input id="champ-q" name="q" type="search" class="input input--long" value={query.query ?? ''} aria-describedby="aide-q" />
      </div>
      <div class="field">
        <label for="champ-etape">{t('shops.directory.stage_label')}</label>
        <select id="champ-etape" name="etape" class="input">
          <option value="">{t('shops.directory.any')}</option>
          {SHOP_STAGES.map((stage) => (
            <option value={stage} selected={query.stage === stage}>
              {stageLabel(stage)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="champ-genre">{t('providers.directory.kind_label')}</label>
        <select id="champ-genre" name="genre" class="input">
          <option value="">{t('providers.directory.any_kind')}</option>
          {SHOP_KINDS.map((kind) => (
            <option value={kind} selected={query.kind === kind}>
              {kindFilterLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="champ-categorie">{t('shops.directory.category_label')}</label>
        <select id="champ-categorie" name="categorie" class="input">
          <option value="">{t('shops.directory.any')}</option>
          {categories.map((category) => (
            <option value={category.code} selected={query.categoryCode === category.code}>
              {category.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t('shops.directory.search_submit')}
      </button>
    </form>
  );
}

function DirectoryTable({ directory }: { directory: Directory }) {
  const labels = new Map(directory.categories.map((category) => [category.code, category.label]));
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('shops.directory.caption', { page: directory.page, pages: directory.pageCount })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shops.directory.col_shop')}</th>
            <th scope="col">{t('shops.directory.col_category')}</th>
            <th scope="col">{t('shops.directory.col_address')}</th>
            <th scope="col">{t('shops.directory.col_phone')}</th>
            <th scope="col">{t('shops.directory.col_stage')}</th>
          </tr>
        </thead>
        <tbody>
          {directory.shops.map((shop) => (
            <tr>
              <th scope="row">
                <a href={shopPath(shop.id)}>{shop.tradeName}</a>
                {shop.legalName !== shop.tradeName ? <span class="muted block">{shop.legalName}</span> : null}
              </th>
              <td>
                {labels.get(shop.categoryCode) ?? shop.categoryCode}
                {shop.kind === 'provider' ? (
                  <span class="block">
                    <span class="badge">{providerBadgeText(shop.stage)}</span> {tradesText(directory.trades.get(shop.id) ?? [])}
                  </span>
                ) : null}
              </td>
              <td>
                {shop.addressLine}, {shop.postalCode} {shop.city}
              </td>
              <td class="nowrap">{shop.phone ?? ''}</td>
              <td>
                <span class={`badge badge--stage-${shop.stage}`}>{stageLabel(shop.stage)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DirectoryPage({ ctx, directory, query }: { ctx: PageContext; directory: Directory; query: DirectoryQuery }) {
  const title = t('shops.directory.title');
  const filtered = Boolean(query.query || query.stage || query.kind || query.categoryCode);
  return (
    <Page ctx={ctx} title={title} trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory')]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{directorySummary(directory)}</p>
      <StageCounts directory={directory} query={query} />
      <KindLinks query={query} />
      <p class="actions">
        <a href={backOfficePath('relances')}>{t('crm.tasks.page_title')}</a>
        <a href={backOfficePath('campagnes')}>{t('crm.campaigns.title')}</a>
      </p>
      {ctx.account?.role === 'concierge' ? (
        <p class="actions">
          <a href={NEW_SHOP_PATH} class="button">
            {t('shops.directory.add')}
          </a>{' '}
          <a href={IMPORT_SHOPS_PATH}>{t('shop_import.link')}</a>{' '}
          <a href={EXPORT_SHOPS_PATH}>{t('shop_import.export_link')}</a>
        </p>
      ) : null}
      <DirectorySearch query={query} categories={directory.categories} />
      <h2>
        {directory.matching === 1 ? t('shops.directory.found_one') : t('shops.directory.found', { count: directory.matching })}
      </h2>
      {filtered ? (
        <p>
          <a href={DIRECTORY_PATH}>{t('shops.directory.clear')}</a>
        </p>
      ) : null}
      {directory.shops.length === 0 ? <p>{t('shops.directory.none')}</p> : <DirectoryTable directory={directory} />}
      <Pager page={directory.page} pageCount={directory.pageCount} hrefOf={(page) => directoryHref({ ...query, page })} />
    </Page>
  );
}

// ---- one shop ----

function IdentityFacts({ shop, category }: { shop: Shop; category: Category | undefined }) {
  const notGiven = <span class="muted">{t('shops.page.not_given')}</span>;
  return (
    <dl class="facts">
      <dt>{t('shops.page.legal_name')}</dt>
      <dd>{shop.legalName}</dd>
      <dt>{t('shops.page.siret')}</dt>
      <dd>{shop.siret ? formatSiret(shop.siret) : notGiven}</dd>
      <dt>{t('shops.page.category')}</dt>
      <dd>{category?.label ?? shop.categoryCode}</dd>
      <dt>{t('shops.page.address')}</dt>
      <dd>
        {shop.addressLine}, {shop.postalCode} {shop.city}
      </dd>
      <dt>{t('shops.page.coordinates')}</dt>
      <dd>{shop.latitude !== null && shop.longitude !== null ? `${formatDegrees(shop.latitude)}, ${formatDegrees(shop.longitude)}` : notGiven}</dd>
      <dt>{t('shops.page.phone')}</dt>
      <dd>{shop.phone ? <a href={`tel:${shop.phone.replace(/\s/g, '')}`}>{formatPhone(shop.phone)}</a> : notGiven}</dd>
      <dt>{t('shops.page.email')}</dt>
      <dd>{shop.email ? <a href={`mailto:${shop.email}`}>{shop.email}</a> : notGiven}</dd>
      <dt>{t('shops.page.description')}</dt>
      <dd>{shop.description || notGiven}</dd>
    </dl>
  );
}

function formatDegrees(value: number): string {
  return String(value).replace('.', ',');
}

/** The moves of the stage: one button each, but an exit (pause, departure, refusal) takes a reason. */
function StageMoves({ ctx, shop, stageForm }: { ctx: PageContext; shop: Shop; stageForm: FormState }) {
  const moves = STAGE_TRANSITIONS[shop.stage];
  const exits = moves.filter(needsReason);
  return (
    <>
      <h3>{t('shops.page.moves_title')}</h3>
      <div class="actions">
        {moves
          .filter((to) => !needsReason(to))
          .map((to) => (
            <form method="post" action={shopStagePath(shop.id)} class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <input type="hidden" name="from" value={shop.stage} />
              <input type="hidden" name="to" value={to} />
              <button type="submit" class={to === 'member' ? 'button' : 'button button--secondary'}>
                {tDynamic(stageMoveLabelKey(shop.stage, to))}
              </button>
            </form>
          ))}
      </div>
      {exits.length > 0 ? (
        <Form ctx={ctx} action={shopStagePath(shop.id)} state={stageForm} class="form panel">
          <h4>{t('crm.stage.exit_title')}</h4>
          <input type="hidden" name="from" value={shop.stage} />
          <RadioGroup name="to" label={t('crm.stage.exit_to')} state={stageForm} options={exits.map((to) => [to, tDynamic(stageMoveLabelKey(shop.stage, to))])} defaultValue={exits[0]} required />
          <SelectField name="reason" label={t('crm.stage.exit_reason')} state={stageForm} options={EXIT_REASONS.map((reason) => [reason, tDynamic(`crm.reason.${reason}`)])} placeholder={t('crm.reason_placeholder')} required />
          <TextArea name="note" label={t('crm.stage.exit_note')} state={stageForm} rows={2} hint={t('crm.stage.exit_note_hint')} />
          <button type="submit" class="button button--danger">
            {t('crm.stage.exit_save')}
          </button>
        </Form>
      ) : null}
    </>
  );
}

function Membership({ ctx, shop, stageForm }: { ctx: PageContext; shop: Shop; stageForm: FormState }) {
  return (
    <section aria-labelledby="adhesion">
      <h2 id="adhesion">{t('shops.page.membership')}</h2>
      <FieldError field="stage" message={stageForm.errors.stage} alert />
      <p>
        {t('shops.page.stage_since', { stage: stageLabel(shop.stage), date: formatDate(shop.stageChangedAt, ctx.timeZone) })}
        {shop.joinedAt && shop.stage === 'member' ? ` ${t('shops.page.joined', { date: formatDate(shop.joinedAt, ctx.timeZone) })}` : ''}
      </p>
      {ctx.account?.role === 'concierge' ? <StageMoves ctx={ctx} shop={shop} stageForm={stageForm} /> : null}
      <h3>{t('shops.page.storefront_links')}</h3>
      <ul>
        {ctx.account?.role === 'concierge' ? (
          <li>
            <a href={storefrontPath(shop.id)}>{t('shops.page.storefront_edit')}</a>
          </li>
        ) : null}
        {shop.stage === 'member' ? (
          <li>
            <a href={publicShopPath(shop.id)}>{t('shops.page.storefront_public')}</a>
          </li>
        ) : (
          <li class="muted">{t('shops.page.storefront_hidden')}</li>
        )}
      </ul>
    </section>
  );
}

function Hours({ ctx, record }: { ctx: PageContext; record: ShopRecord }) {
  return (
    <section aria-labelledby="horaires">
      <h2 id="horaires">{t('shops.page.hours')}</h2>
      <dl class="facts">
        {formatOpeningHours(record.hours).map(({ day, text }) => (
          <>
            <dt>{day}</dt>
            <dd>{text}</dd>
          </>
        ))}
      </dl>
      {ctx.account?.role === 'concierge' ? (
        <p>
          <a href={hoursPath(record.shop.id)}>{t('shops.page.hours_edit')}</a>
        </p>
      ) : null}
    </section>
  );
}

export interface ShopPageProps {
  ctx: PageContext;
  record: ShopRecord;
  accountForm: FormState;
  /** The exit form sent back with its errors; empty otherwise. */
  stageForm?: FormState;
  /** The CRM sections (crm/), drawn by the routes: the root's views do not reach into sub-areas. */
  crm?: VNode;
  /** The shop's health at a glance, drawn by the reports area (see shopsRoutes' options). */
  health?: VNode | null;
}

export function ShopPage({ ctx, record, accountForm, stageForm = emptyForm(), crm, health }: ShopPageProps) {
  const { shop } = record;
  return (
    <Page
      ctx={ctx}
      title={shop.tradeName}
      trail={[[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory'), DIRECTORY_PATH], [shop.tradeName]]}
      noindex
    >
      <h1>{shop.tradeName}</h1>
      <p>
        <span class={`badge badge--stage-${shop.stage}`}>{stageLabel(shop.stage)}</span>
      </p>
      <div class="two-columns">
        <section aria-labelledby="identite">
          <h2 id="identite">{t('shops.page.identity')}</h2>
          <IdentityFacts shop={shop} category={record.category} />
          {ctx.account?.role === 'concierge' ? (
            <p>
              <a href={editShopPath(shop.id)} class="button button--secondary">
                {t('shops.page.edit')}
              </a>
            </p>
          ) : null}
        </section>
        <div>
          <Membership ctx={ctx} shop={shop} stageForm={stageForm} />
          {record.profile.kind === 'provider' ? <ProviderSection ctx={ctx} shop={shop} profile={record.profile} /> : null}
          <Hours ctx={ctx} record={record} />
          {ctx.account?.role === 'concierge' ? (
            <p>
              <a href={shopTermsLinkPath(shop.id)}>{t('terms.link')}</a>
            </p>
          ) : null}
        </div>
      </div>
      {health ?? null}
      {crm}
      {record.merchants ? <MerchantAccounts ctx={ctx} shop={shop} accounts={record.merchants} accountForm={accountForm} action={merchantAccountsPath(shop.id)} /> : null}
    </Page>
  );
}
