// Pages of settlement terms: a shop's terms and commission rate (/gestion/commerces/:shopId/reglement,
// concierge), the town's rates (/gestion/comptabilite/taux, concierge), and a merchant's own
// terms, read-only (/boutique/:shopId/reglement); on both of a shop's pages, « Confirmer le
// nouvel IBAN » (…/confirmer) for the second person. The services check who may see or change what.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { localDateOf } from '../platform/calendar.ts';
import { nowIso } from '../platform/clock.ts';
import { messageKeyOf } from '../platform/errors.ts';
import { Fields, formSchema, valuesOf, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { domainErrorToFieldErrors, pageContext, readForm, redirectAfterPost, requireRole, sendPage, setFlash } from '../platform/http.ts';
import { t } from '../platform/i18n/index.ts';
import { ID_PATTERN } from '../platform/ids.ts';
import { emptyForm, type FormState } from '../ui/forms.tsx';
import { confirmBankChange } from './settlement.bank.service.ts';
import { PERIOD_KINDS } from './settlement.statements.rules.ts';
import { addCommissionRate, addVatRate, getShopTerms, getTownRates, updateTerms, type FieldCodes } from './settlement.terms.service.ts';
import { merchantTermsPath, MerchantTermsPage, shopTermsPath, ShopTermsPage, termsFormValues, TOWN_RATES_PATH, TownRatesPage } from './settlement.terms.views.tsx';

const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
type ShopParamsT = { Params: Static<typeof ShopParams> };

const TermsBody = formSchema({
  settlementPeriod: Fields.choice(PERIOD_KINDS),
  iban: Fields.optionalText(60),
  bic: Fields.optionalText(20),
  vatNumber: Fields.optionalText(30),
  selfBillingSince: Fields.optionalText(20),
});
type TermsBodyT = Static<typeof TermsBody>;

const RateBody = formSchema({ rate: Fields.optionalText(20), startsOn: Fields.optionalText(20) });
type RateBodyT = Static<typeof RateBody>;

const VatBody = formSchema({ vatRate: Fields.optionalText(20), vatExempt: Fields.checkbox(), vatStartsOn: Fields.optionalText(20) });
type VatBodyT = Static<typeof VatBody>;

/** The change the page showed: what is confirmed is what was read. */
const ConfirmBody = formSchema({ change: Type.String({ pattern: ID_PATTERN }) });
type ConfirmBodyT = Static<typeof ConfirmBody>;

function errorsOf(codes: FieldCodes): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, code] of Object.entries(codes)) if (code) errors[field] = t(messageKeyOf(code));
  return errors;
}

/** Errors of the schema, or of the service, with what was typed: the form comes back as it was. */
function refused(values: FormValues, errors: FieldErrors): FormState {
  return { values, errors };
}

export async function termsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const concierge = requireRole('concierge');
  const today = () => localDateOf(nowIso(), app.config.timeZone);

  async function shopPage(request: FastifyRequest<ShopParamsT>, reply: FastifyReply, forms: { terms?: FormState; rate?: FormState; confirm?: FormState } = {}) {
    const terms = await getShopTerms(db, request.account, request.params.shopId, today());
    const termsForm = forms.terms ?? emptyForm(termsFormValues(terms));
    const page = ShopTermsPage({ ctx: pageContext(request, reply), terms, termsForm, rateForm: forms.rate ?? emptyForm(), confirmForm: forms.confirm ?? emptyForm() });
    return sendPage(reply, page, forms.terms || forms.rate || forms.confirm ? 422 : 200);
  }

  async function merchantPage(request: FastifyRequest<ShopParamsT>, reply: FastifyReply, confirm?: FormState) {
    const terms = await getShopTerms(db, request.account, request.params.shopId, today());
    return sendPage(reply, MerchantTermsPage({ ctx: pageContext(request, reply), terms, confirmForm: confirm ?? emptyForm() }), confirm ? 422 : 200);
  }

  /** Confirms the change the form names; the page again with the refusal next to the button otherwise. */
  async function confirm(request: FastifyRequest<ShopParamsT>, reply: FastifyReply, back: string, page: (confirm: FormState) => Promise<unknown>) {
    const form = readForm<ConfirmBodyT>(request);
    if (!form.ok) return page(refused(form.values, form.errors));
    try {
      await confirmBankChange(db, request.account, request.params.shopId, form.body.change);
    } catch (error) {
      return page(refused(valuesOf(form.body), domainErrorToFieldErrors(error)));
    }
    setFlash(request, t('terms.bank.confirmed'));
    return redirectAfterPost(reply, back);
  }

  app.get<ShopParamsT>(shopTermsPath(':shopId'), { schema: { params: ShopParams }, preHandler: concierge }, (request, reply) => shopPage(request, reply));

  app.post<ShopParamsT>(shopTermsPath(':shopId'), { schema: { params: ShopParams, body: TermsBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    // Ownership first: a missing shop answers 404 before any error is shown.
    await getShopTerms(db, request.account, request.params.shopId, today());
    const form = readForm<TermsBodyT>(request);
    if (!form.ok) return shopPage(request, reply, { terms: refused(form.values, form.errors) });
    const codes = await updateTerms(db, app.config, request.account, request.params.shopId, form.body);
    if (codes) return shopPage(request, reply, { terms: refused(valuesOf(form.body), errorsOf(codes)) });
    setFlash(request, t('terms.saved'));
    return redirectAfterPost(reply, shopTermsPath(request.params.shopId));
  });

  app.post<ShopParamsT>(`${shopTermsPath(':shopId')}/taux`, { schema: { params: ShopParams, body: RateBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    await getShopTerms(db, request.account, request.params.shopId, today());
    const form = readForm<RateBodyT>(request);
    if (!form.ok) return shopPage(request, reply, { rate: refused(form.values, form.errors) });
    const codes = await addCommissionRate(db, request.account, request.params.shopId, { rate: form.body.rate ?? '', startsOn: form.body.startsOn ?? '' });
    if (codes) return shopPage(request, reply, { rate: refused(valuesOf(form.body), errorsOf(codes)) });
    setFlash(request, t('terms.rates.saved'));
    return redirectAfterPost(reply, shopTermsPath(request.params.shopId));
  });

  app.post<ShopParamsT>(`${shopTermsPath(':shopId')}/confirmer`, { schema: { params: ShopParams, body: ConfirmBody }, attachValidation: true, preHandler: concierge }, (request, reply) =>
    confirm(request, reply, shopTermsPath(request.params.shopId), (state) => shopPage(request, reply, { confirm: state })),
  );

  const merchantOrConcierge = requireRole('merchant', 'concierge');

  app.get<ShopParamsT>(merchantTermsPath(':shopId'), { schema: { params: ShopParams }, preHandler: merchantOrConcierge }, (request, reply) => merchantPage(request, reply));

  app.post<ShopParamsT>(`${merchantTermsPath(':shopId')}/confirmer`, { schema: { params: ShopParams, body: ConfirmBody }, attachValidation: true, preHandler: merchantOrConcierge }, (request, reply) =>
    confirm(request, reply, merchantTermsPath(request.params.shopId), (state) => merchantPage(request, reply, state)),
  );

  async function townPage(request: FastifyRequest, reply: FastifyReply, forms: { commission?: FormState; vat?: FormState } = {}) {
    const rates = await getTownRates(db, request.account, today());
    const page = TownRatesPage({ ctx: pageContext(request, reply), rates, commissionForm: forms.commission ?? emptyForm(), vatForm: forms.vat ?? emptyForm() });
    return sendPage(reply, page, forms.commission || forms.vat ? 422 : 200);
  }

  app.get(TOWN_RATES_PATH, { preHandler: concierge }, (request, reply) => townPage(request, reply));

  app.post(`${TOWN_RATES_PATH}/commission`, { schema: { body: RateBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    const form = readForm<RateBodyT>(request);
    if (!form.ok) return townPage(request, reply, { commission: refused(form.values, form.errors) });
    const codes = await addCommissionRate(db, request.account, null, { rate: form.body.rate ?? '', startsOn: form.body.startsOn ?? '' });
    if (codes) return townPage(request, reply, { commission: refused(valuesOf(form.body), errorsOf(codes)) });
    setFlash(request, t('terms.rates.saved'));
    return redirectAfterPost(reply, TOWN_RATES_PATH);
  });

  app.post(`${TOWN_RATES_PATH}/tva`, { schema: { body: VatBody }, attachValidation: true, preHandler: concierge }, async (request, reply) => {
    const form = readForm<VatBodyT>(request);
    if (!form.ok) return townPage(request, reply, { vat: refused(form.values, form.errors) });
    const input = { rate: form.body.vatRate ?? '', exempt: form.body.vatExempt === 'on', startsOn: form.body.vatStartsOn ?? '' };
    const codes = await addVatRate(db, request.account, input);
    if (codes) return townPage(request, reply, { vat: refused(valuesOf(form.body), errorsOf(codes)) });
    setFlash(request, t('terms.town.vat_saved'));
    return redirectAfterPost(reply, TOWN_RATES_PATH);
  });
}
