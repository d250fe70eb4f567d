// The provider's pages: from its mail's signed link (no account: /devis/:quoteId/:token) and
// from its portal (/boutique/:shopId/demandes). Both show the same page and take the same
// forms; who may act is settled by the service (`quoteInHand`): a token opens its own quote
// only, a merchant its own shop's quotes. A link that can no longer act shows why, in French.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FormValues } from '../../platform/forms.ts';
import { formRoute, onlyRoles, pageContext, redirectTo, sendPage } from '../../platform/http.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { portalShopPath } from '../../platform/paths.ts';
import { SIGNED_TOKEN_PATTERN } from '../../platform/signed-links.ts';
import { emptyForm } from '../../ui/forms.tsx';
import { portalQuotePath, portalQuotesPath, quoteLinkPath, type ProviderAction } from './quotes.paths.ts';
import { DeclineBody, DoneBody, QuoteBody, readQuoteForm, sendPdf, UPLOAD } from './quotes.forms.ts';
import { declineQuote, markWorkDone, portalQuotes, providerView, quotePdf, sendQuote, type QuoteHand } from './quotes.service.ts';
import { PortalQuotesPage, ProviderQuotePage, type ProviderForms } from './quotes.provider.views.tsx';

const id = () => Type.String({ pattern: ID_PATTERN });
const LinkParams = Type.Object({ quoteId: id(), token: Type.String({ pattern: SIGNED_TOKEN_PATTERN }) });
const ShopParams = Type.Object({ shopId: id() });
const PortalParams = Type.Object({ shopId: id(), quoteId: id() });

type Params = Record<string, string>;

interface Door<P extends Params = Params> {
  hand: (request: FastifyRequest, params: P) => QuoteHand;
  path: (params: P, action?: ProviderAction | 'pdf') => string;
  trail: (params: P, title: string) => Array<[string, string?]> | undefined;
}

export async function quotesProviderRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;
  const portal = onlyRoles('merchant', 'concierge');

  async function renderPage<P extends Params>(door: Door<P>, request: FastifyRequest, reply: FastifyReply, params: P, forms: Partial<ProviderForms> = {}, status = 200) {
    const view = await providerView(db, config, door.hand(request, params));
    const actions = { send: door.path(params, 'envoyer'), decline: door.path(params, 'refuser'), done: door.path(params, 'fait'), pdf: view.quote.hasPdf ? door.path(params, 'pdf') : undefined };
    const page = ProviderQuotePage({ ctx: pageContext(request, reply), view, actions, forms: { send: forms.send ?? emptyForm(), decline: forms.decline ?? emptyForm() }, trail: door.trail(params, view.shop.tradeName) });
    return sendPage(reply, page, status);
  }

  /** The same page and forms behind one door: the link, or the portal. */
  function serve<P extends Params>(base: string, schema: typeof LinkParams | typeof PortalParams, door: Door<P>, preHandler?: typeof portal) {
    const guard = preHandler ? { preHandler } : {};
    app.get(base, { ...guard, schema: { params: schema } }, (request, reply) => renderPage(door, request, reply, request.params as unknown as P));
    app.get(`${base}/pdf`, { ...guard, schema: { params: schema } }, async (request, reply) => sendPdf(reply, await quotePdf(db, config, door.hand(request, request.params as unknown as P))));

    formRoute(app, `${base}/envoyer`, {
      body: QuoteBody,
      params: schema,
      ...guard,
      config: UPLOAD(config),
      check: (_request, values: FormValues) => readQuoteForm(values),
      run: async (request, body, params, { checked }) => {
        await sendQuote(db, config, door.hand(request, params as unknown as P), { ...checked.input!, pdf: pdfOf(body.file) });
        return redirectTo(door.path(params as unknown as P), t('quotes.provider.sent_flash'));
      },
      render: (request, reply, { values, errors }, params) => renderPage(door, request, reply, params as unknown as P, { send: { values, errors } }, 422),
    });

    formRoute(app, `${base}/refuser`, {
      body: DeclineBody,
      params: schema,
      ...guard,
      run: async (request, body, params) => {
        await declineQuote(db, config, door.hand(request, params as unknown as P), (body.reason ?? '').trim());
        return redirectTo(door.path(params as unknown as P), t('quotes.provider.declined_flash'));
      },
      render: (request, reply, { values, errors }, params) => renderPage(door, request, reply, params as unknown as P, { decline: { values, errors } }, 422),
    });

    formRoute(app, `${base}/fait`, {
      body: DoneBody,
      params: schema,
      ...guard,
      run: async (request, _body, params) => {
        await markWorkDone(db, config, door.hand(request, params as unknown as P));
        return redirectTo(door.path(params as unknown as P), t('quotes.provider.done_flash'));
      },
      // The page says where things stand (already done, cancelled): that is the answer.
      render: (request, reply, _form, params) => renderPage(door, request, reply, params as unknown as P, {}, 409),
    });
  }

  serve<{ quoteId: string; token: string }>(quoteLinkPath(':quoteId', ':token'), LinkParams, {
    hand: (_request, { quoteId, token }) => ({ by: 'link', quoteId, token }),
    path: ({ quoteId, token }, action) => (action === 'pdf' ? `${quoteLinkPath(quoteId, token)}/pdf` : quoteLinkPath(quoteId, token, action)),
    trail: () => undefined,
  });

  serve<{ shopId: string; quoteId: string }>(
    portalQuotePath(':shopId', ':quoteId'),
    PortalParams,
    {
      hand: (request, { shopId, quoteId }) => ({ by: 'portal', actor: request.account, shopId, quoteId }),
      path: ({ shopId, quoteId }, action) => portalQuotePath(shopId, quoteId, action),
      trail: ({ shopId }, shopName) => [[shopName, portalShopPath(shopId)], [t('quotes.portal.link'), portalQuotesPath(shopId)], [t('quotes.provider.your_quote')]],
    },
    portal,
  );

  app.get(portalQuotesPath(':shopId'), { preHandler: portal, schema: { params: ShopParams } }, async (request, reply) => {
    const { shop, quotes } = await portalQuotes(db, request.account, request.params.shopId);
    const page = PortalQuotesPage({ ctx: pageContext(request, reply), shopName: shop.tradeName, shopId: shop.id, quotes, hrefOf: (quoteId) => portalQuotePath(shop.id, quoteId) });
    return sendPage(reply, page);
  });
}

/** An uploaded file's bytes; an empty file field is no file. */
function pdfOf(file: Buffer | undefined): Buffer | null {
  return Buffer.isBuffer(file) && file.length > 0 ? file : null;
}
