// Pages of settlement terms: a shop's terms and commission rate (/gestion/commerces/:shopId/reglement,
// concierge), the town's rates (/gestion/comptabilite/taux, concierge), and a merchant's own
// terms, read-only (/boutique/:shopId/reglement); on both of a shop's pages, « Confirmer le
// nouvel IBAN » (…/confirmer) for the second person. The services check who may see or change what.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { localDateOf } from '../../platform/calendar.ts';
import { nowIso } from '../../platform/clock.ts';
import { messageKeyOf } from '../../platform/errors.ts';
import { Fields, formSchema, type FieldErrors } from '../../platform/forms.ts';
import { FormRefused, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { emptyForm, type FormState } from '../../ui/forms.tsx';
import { confirmBankChange } from './bank.service.ts';
import { PERIOD_KINDS } from '../settlement.statements.rules.ts';
import { addCommissionRate, addVatRate, getShopTerms, getTownRates, updateTerms, type FieldCodes } from './terms.service.ts';
import { MerchantTermsPage, ShopTermsPage, termsFormValues, TownRatesPage } from './terms.views.tsx';
import { TOWN_SERVICES_PATH } from './terms.paths.ts';
import { confirmPath, merchantTermsPath, shopRatePath, shopTermsPath, TOWN_COMMISSION_PATH, TOWN_RATES_PATH, TOWN_VAT_PATH } from '../settlement.paths.ts';

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });

const TermsBody = formSchema({
  settlementPeriod: Fields.choice(PERIOD_KINDS),
  iban: Fields.optionalText(60),
  bic: Fields.optionalText(20),
  vatNumber: Fields.optionalText(30),
  selfBillingSince: Fields.optionalText(20),
});

const RateBody = formSchema({ rate: Fields.optionalText(20), startsOn: Fields.optionalText(20) });

const ServicesRateBody = formSchema({ servicesRate: Fields.optionalText(20), servicesStartsOn: Fields.optionalText(20) });

const VatBody = formSchema({ vatRate: Fields.optionalText(20), vatExempt: Fields.checkbox(), vatStartsOn: Fields.optionalText(20) });

/** The change the page showed: what is confirmed is what was read. */
const ConfirmBody = formSchema({ change: Type.String({ pattern: ID_PATTERN }) });

function errorsOf(codes: FieldCodes): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, code] of Object.entries(codes)) if (code) errors[field] = t(messageKeyOf(code));
  return errors;
}

/** Refusals the service returns as codes by field, shown next to those fields. */
function refuseCodes(codes: FieldCodes | undefined | null): void {
  if (codes) throw new FormRefused(errorsOf(codes));
}

export async function termsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;
  const concierge = onlyRoles('concierge');
  const merchantOrConcierge = onlyRoles('merchant', 'concierge');
  const today = () => localDateOf(nowIso(), app.config.timeZone);

  async function shopPage(request: FastifyRequest, reply: FastifyReply, shopId: string, forms: { terms?: FormState; rate?: FormState; confirm?: FormState } = {}) {
    const terms = await getShopTerms(db, request.account, shopId, today());
    const termsForm = forms.terms ?? emptyForm(termsFormValues(terms));
    const page = ShopTermsPage({ ctx: pageContext(request, reply), terms, termsForm, rateForm: forms.rate ?? emptyForm(), confirmForm: forms.confirm ?? emptyForm() });
    return sendPage(reply, page, forms.terms || forms.rate || forms.confirm ? 422 : 200);
  }

  async function merchantPage(request: FastifyRequest, reply: FastifyReply, shopId: string, confirm?: FormState) {
    const terms = await getShopTerms(db, request.account, shopId, today());
    return sendPage(reply, MerchantTermsPage({ ctx: pageContext(request, reply), terms, confirmForm: confirm ?? emptyForm() }), confirm ? 422 : 200);
  }

  /** Ownership first: a missing shop answers 404 before any error is shown. */
  const ownedShop = async (request: FastifyRequest, _values: unknown, { shopId }: { shopId: string }) => {
    await getShopTerms(db, request.account, shopId, today());
    return { errors: {} };
  };

  app.get(shopTermsPath(':shopId'), { schema: { params: ShopParams }, preHandler: concierge }, (request, reply) => shopPage(request, reply, request.params.shopId));

  formRoute(app, shopTermsPath(':shopId'), {
    body: TermsBody,
    params: ShopParams,
    preHandler: concierge,
    check: ownedShop,
    run: async (request, body, { shopId }) => {
      refuseCodes(await updateTerms(db, app.config, request.account, shopId, body));
      return redirectTo(shopTermsPath(shopId), t('terms.saved'));
    },
    render: (request, reply, { values, errors }, { shopId }) => shopPage(request, reply, shopId, { terms: { values, errors } }),
  });

  formRoute(app, shopRatePath(':shopId'), {
    body: RateBody,
    params: ShopParams,
    preHandler: concierge,
    check: ownedShop,
    run: async (request, body, { shopId }) => {
      refuseCodes(await addCommissionRate(db, request.account, shopId, { rate: body.rate ?? '', startsOn: body.startsOn ?? '' }));
      return redirectTo(shopTermsPath(shopId), t('terms.rates.saved'));
    },
    render: (request, reply, { values, errors }, { shopId }) => shopPage(request, reply, shopId, { rate: { values, errors } }),
  });

  /** Confirms the change the form names; the page again with the refusal next to the button otherwise. */
  function confirmRoute(path: (shopId: string) => string, preHandler: typeof concierge, page: (request: FastifyRequest, reply: FastifyReply, shopId: string, confirm: FormState) => Promise<FastifyReply>) {
    formRoute(app, confirmPath(path(':shopId')), {
      body: ConfirmBody,
      params: ShopParams,
      preHandler,
      run: async (request, body, { shopId }) => {
        await confirmBankChange(db, request.account, shopId, body.change);
        return redirectTo(path(shopId), t('terms.bank.confirmed'));
      },
      render: (request, reply, { values, errors }, { shopId }) => page(request, reply, shopId, { values, errors }),
    });
  }

  confirmRoute(shopTermsPath, concierge, (request, reply, shopId, confirm) => shopPage(request, reply, shopId, { confirm }));

  app.get(merchantTermsPath(':shopId'), { schema: { params: ShopParams }, preHandler: merchantOrConcierge }, (request, reply) => merchantPage(request, reply, request.params.shopId));

  confirmRoute(merchantTermsPath, merchantOrConcierge, merchantPage);

  async function townPage(request: FastifyRequest, reply: FastifyReply, forms: { commission?: FormState; services?: FormState; vat?: FormState } = {}) {
    const rates = await getTownRates(db, request.account, today());
    const page = TownRatesPage({
      ctx: pageContext(request, reply),
      rates,
      commissionForm: forms.commission ?? emptyForm(),
      servicesForm: forms.services ?? emptyForm(),
      vatForm: forms.vat ?? emptyForm(),
    });
    return sendPage(reply, page, forms.commission || forms.services || forms.vat ? 422 : 200);
  }

  app.get(TOWN_RATES_PATH, { preHandler: concierge }, (request, reply) => townPage(request, reply));

  formRoute(app, TOWN_COMMISSION_PATH, {
    body: RateBody,
    preHandler: concierge,
    run: async (request, body) => {
      refuseCodes(await addCommissionRate(db, request.account, null, { rate: body.rate ?? '', startsOn: body.startsOn ?? '' }));
      return redirectTo(TOWN_RATES_PATH, t('terms.rates.saved'));
    },
    render: (request, reply, { values, errors }) => townPage(request, reply, { commission: { values, errors } }),
  });

  formRoute(app, TOWN_SERVICES_PATH, {
    body: ServicesRateBody,
    preHandler: concierge,
    run: async (request, body) => {
      const input = { rate: body.servicesRate ?? '', startsOn: body.servicesStartsOn ?? '' };
      refuseCodes(await addCommissionRate(db, request.account, null, input, 'services', { rate: 'servicesRate', startsOn: 'servicesStartsOn' }));
      return redirectTo(TOWN_RATES_PATH, t('terms.services.saved'));
    },
    render: (request, reply, { values, errors }) => townPage(request, reply, { services: { values, errors } }),
  });

  formRoute(app, TOWN_VAT_PATH, {
    body: VatBody,
    preHandler: concierge,
    run: async (request, body) => {
      refuseCodes(await addVatRate(db, request.account, { rate: body.vatRate ?? '', exempt: body.vatExempt === 'on', startsOn: body.vatStartsOn ?? '' }));
      return redirectTo(TOWN_RATES_PATH, t('terms.town.vat_saved'));
    },
    render: (request, reply, { values, errors }) => townPage(request, reply, { vat: { values, errors } }),
  });
}
