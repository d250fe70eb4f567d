// The merchant accounts of one shop, on the shop's back-office page: who they are, when
// they last came, and the buttons to disable or re-enable them; the form to add one.
import { formatDateTime } from '../platform/clock.ts';
import { t } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { Form, SubmitButton, TextField, type FormState } from '../ui/forms.tsx';
import type { Shop } from './shops.repository.ts';
import type { MerchantAccount } from './shops.service.ts';
import { merchantAccountPath } from './shops.paths.ts';

function accountState(account: MerchantAccount): string {
  if (account.disabledAt) return t('shops.accounts.disabled');
  return account.hasPassword || account.lastLoginAt ? t('shops.accounts.active') : t('shops.accounts.invited');
}

function AccountButton({ ctx, shop, account }: { ctx: PageContext; shop: Shop; account: MerchantAccount }) {
  const enable = account.disabledAt !== null;
  const action = merchantAccountPath(shop.id, account.id, enable ? 'reactiver' : 'desactiver');
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class={enable ? 'button button--secondary' : 'button button--danger'}>
        {enable ? t('shops.accounts.enable') : t('shops.accounts.disable')}
        <span class="visually-hidden"> — {t(enable ? 'shops.accounts.enable_label' : 'shops.accounts.disable_label', { name: account.displayName })}</span>
      </button>
    </form>
  );
}

function AccountsTable({ ctx, shop, accounts, base }: { ctx: PageContext; shop: Shop; accounts: MerchantAccount[]; base: string }) {
  if (accounts.length === 0) return <p>{t('shops.accounts.none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('shops.accounts.caption', { shop: shop.tradeName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shops.accounts.col_name')}</th>
            <th scope="col">{t('shops.accounts.col_email')}</th>
            <th scope="col">{t('shops.accounts.col_last_login')}</th>
            <th scope="col">{t('shops.accounts.col_state')}</th>
            <th scope="col">{t('shops.accounts.col_action')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr>
              <th scope="row">{account.displayName}</th>
              <td>{account.email}</td>
              <td>{account.lastLoginAt ? formatDateTime(account.lastLoginAt, ctx.timeZone) : t('shops.accounts.never')}</td>
              <td>{accountState(account)}</td>
              <td>
                <AccountButton ctx={ctx} shop={shop} account={account} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The accounts of a shop and the form to add one; `action` is where the form posts. */
export function MerchantAccounts(props: { ctx: PageContext; shop: Shop; accounts: MerchantAccount[]; accountForm: FormState; action: string }) {
  const { ctx, shop, accounts, accountForm, action } = props;
  const labels = { display_name: t('shops.accounts.name'), email: t('shops.accounts.email') };
  return (
    <section aria-labelledby="comptes">
      <h2 id="comptes">{t('shops.accounts.title')}</h2>
      <p>{t('shops.accounts.intro')}</p>
      <AccountsTable ctx={ctx} shop={shop} accounts={accounts} base={action} />
      <h3 id="ajouter-compte">{t('shops.accounts.add_title')}</h3>
      <p class="muted">{t('shops.accounts.add_hint')}</p>
      <Form ctx={ctx} action={action} state={accountForm} labels={labels}>
        <input type="hidden" name="idempotency_key" value={accountForm.values.idempotency_key ?? ''} />
        <TextField name="display_name" label={labels.display_name} state={accountForm} autocomplete="off" required />
        <TextField name="email" label={labels.email} type="email" autocomplete="off" state={accountForm} required />
        <SubmitButton>{t('shops.accounts.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
