// Pages of the ledger: the conciergerie's trial balance and a shop's balance.
import { formatDateTime } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import { formatEuros } from '../platform/money.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Page } from '../ui/layout.tsx';
import type { LedgerLine } from './settlement.repository.ts';
import type { TrialBalance } from './settlement.rules.ts';
import type { ShopBalance } from './settlement.service.ts';
import { TOWN_RATES_PATH } from './settlement.paths.ts';
import { BACKOFFICE_PATH, portalShopPath } from '../platform/paths.ts';


/** A balance as an accountant reads it: « 12,50 € débiteur » or « 12,50 € créditeur ». */
function BalanceText({ cents }: { cents: number }) {
  if (cents === 0) return <>{t('settlement.balance.zero')}</>;
  const key = cents > 0 ? 'settlement.balance.debit_side' : 'settlement.balance.credit_side';
  return <>{t(key, { amount: formatEuros(Math.abs(cents)) })}</>;
}

export function TrialBalancePage({ ctx, balance }: { ctx: PageContext; balance: TrialBalance }) {
  const title = t('settlement.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('settlement.trial.lead')}</p>
      <p>
        <a href={TOWN_RATES_PATH}>{t('terms.town.link')}</a>
      </p>
      <div class="table-wrap">
        <table class="ledger-table ledger-table--stack">
          <caption>{t('settlement.trial.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settlement.trial.account')}</th>
              <th scope="col" class="number">{t('settlement.trial.debit')}</th>
              <th scope="col" class="number">{t('settlement.trial.credit')}</th>
              <th scope="col" class="number">{t('settlement.trial.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {balance.lines.map((line) => (
              <tr>
                <th scope="row">{tDynamic(`settlement.account.${line.account}`)}</th>
                <td class="number" data-label={t('settlement.trial.debit')}>{formatEuros(line.debitCents)}</td>
                <td class="number" data-label={t('settlement.trial.credit')}>{formatEuros(line.creditCents)}</td>
                <td class="number" data-label={t('settlement.trial.balance')}>
                  <BalanceText cents={line.balanceCents} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('settlement.trial.totals')}</th>
              <td class="number" data-label={t('settlement.trial.debit')}>{formatEuros(balance.totalDebitCents)}</td>
              <td class="number" data-label={t('settlement.trial.credit')}>{formatEuros(balance.totalCreditCents)}</td>
              <td class="number" data-label={t('settlement.trial.balance')}>
                <BalanceText cents={balance.totalDebitCents - balance.totalCreditCents} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {balance.balanced ? (
        <p class="ledger-status ledger-status--ok">{t('settlement.trial.balanced')}</p>
      ) : (
        <p class="ledger-status ledger-status--bad" role="alert">
          {t('settlement.trial.unbalanced', { debit: formatEuros(balance.totalDebitCents), credit: formatEuros(balance.totalCreditCents) })}
        </p>
      )}
    </Page>
  );
}

/** « dimanche 29 novembre à 9 h 48 », the time never split over two lines. */
function When({ ctx, at }: { ctx: PageContext; at: string }) {
  const full = formatDateTime(at, ctx.timeZone);
  const split = full.lastIndexOf(' à ');
  return (
    <>
      {full.slice(0, split)} <span class="nowrap">{full.slice(split + 1)}</span>
    </>
  );
}

function EntriesTable({ ctx, entries }: { ctx: PageContext; entries: readonly LedgerLine[] }) {
  if (entries.length === 0) return <p>{t('settlement.shop.no_entries')}</p>;
  return (
    <div class="table-wrap">
      <table class="ledger-table ledger-table--stack">
        <caption class="visually-hidden">{t('settlement.shop.entries_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settlement.shop.date')}</th>
            <th scope="col">{t('settlement.shop.what')}</th>
            <th scope="col" class="number">{t('settlement.shop.owed_more')}</th>
            <th scope="col" class="number">{t('settlement.shop.owed_less')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr>
              <td>
                <When ctx={ctx} at={entry.occurredAt} />
              </td>
              <td>{entry.description}</td>
              <td class="number" data-label={t('settlement.shop.owed_more')}>{entry.creditCents > 0 ? formatEuros(entry.creditCents) : ''}</td>
              <td class="number" data-label={t('settlement.shop.owed_less')}>{entry.debitCents > 0 ? formatEuros(entry.debitCents) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ShopBalancePage({ ctx, balance }: { ctx: PageContext; balance: ShopBalance }) {
  const title = t('settlement.shop.title');
  const { shop } = balance;
  return (
    <Page ctx={ctx} title={`${title} — ${shop.tradeName}`} trail={[[t('portal.breadcrumb'), portalShopPath(shop.id)], [title]]} noindex>
      <h1>{title}</h1>
      {balance.owedCents > 0 ? (
        <>
          <p class="lead">{t('settlement.shop.owed', { amount: formatEuros(balance.owedCents) })}</p>
          <p class="muted">{t('settlement.shop.owed_note')}</p>
        </>
      ) : (
        <p class="lead">{t('settlement.shop.nothing')}</p>
      )}
      <h2>{t('settlement.shop.entries')}</h2>
      <EntriesTable ctx={ctx} entries={balance.entries} />
    </Page>
  );
}
