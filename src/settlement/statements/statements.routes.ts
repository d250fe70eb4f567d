// Pages of statements: closing a period and the statements, for the concierge
// (/gestion/releves) and for a shop's merchants (/boutique/:shopId/releves). The service
// checks who may read each statement.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getShop } from '../../shops/index.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { formSchema } from '../../platform/forms.ts';
import { errorMessage, formRoute, pageContext, redirectTo, onlyRoles, sendPage } from '../../platform/http.ts';
import { t, tPlural } from '../../platform/i18n/index.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { PERIOD_KINDS, STATEMENT_STATUSES } from '../settlement.statements.rules.ts';
import { closePeriod, conciergeStatements, periodsToClose, shopStatements } from './statements.service.ts';
import { statementSheet } from './statements.sheet.service.ts';
import { StatementPage } from './statements.sheet.views.tsx';
import { periodLabel, ShopStatementsPage, StatementsPage } from './statements.views.tsx';
import { CLOSE_PERIOD_PATH, commissionPdfPath, shopCommissionPdfPath, shopStatementPath, shopStatementsPath, statementInvoicePath, statementPath, STATEMENTS_PATH } from '../settlement.paths.ts';

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false });
const ListQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    statut: Type.Optional(Type.Union([Type.Literal(''), ...STATEMENT_STATUSES.map((status) => Type.Literal(status))])),
  },
  { additionalProperties: false },
);
const StatementParams = Type.Object({ statementId: Type.String({ pattern: ID_PATTERN }) });
const ShopStatementParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }), statementId: Type.String({ pattern: ID_PATTERN }) });
const ShopParams = Type.Object({ shopId: Type.String({ pattern: ID_PATTERN }) });
const CloseBody = formSchema({
  kind: Type.Union(PERIOD_KINDS.map((kind) => Type.Literal(kind))),
  start: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
});

export async function statementsRoutes(instance: FastifyInstance): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app;

  app.get(STATEMENTS_PATH, { schema: { querystring: ListQuery }, preHandler: onlyRoles('concierge') }, async (request, reply) => {
    const page = request.query.page ?? 1;
    const status = request.query.statut || undefined;
    const [periods, list] = await Promise.all([periodsToClose(db, config, request.account), conciergeStatements(db, request.account, { status, page })]);
    return sendPage(reply, StatementsPage({ ctx: pageContext(request, reply), periods, statements: list.statements, total: list.total, page, status }));
  });

  formRoute(app, CLOSE_PERIOD_PATH, {
    body: CloseBody,
    preHandler: onlyRoles('concierge'),
    run: async (request, { kind, start }) => {
      try {
        const result = await closePeriod(db, config, request.account, { kind, start });
        return redirectTo(STATEMENTS_PATH, tPlural('statements.close.done', result.statementCount, { period: periodLabel(result.period) }));
      } catch (error) {
        if (!(error instanceof DomainError) || error.field !== 'period') throw error;
        // A period closed by someone else a moment ago, or not ended: said on the list, which shows what is left.
        return redirectTo(STATEMENTS_PATH, errorMessage(error));
      }
    },
    // The buttons only send periods the list offered: another is a broken form.
    render: () => {
      throw new DomainError('period_invalid', 'period');
    },
  });

  app.get(
    statementPath(':statementId'),
    { schema: { params: StatementParams, querystring: PageQuery }, preHandler: onlyRoles('concierge') },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const sheet = await statementSheet(db, request.account, request.params.statementId, page);
      const id = sheet.detail.statement.id;
      return sendPage(
        reply,
        StatementPage({ ctx: pageContext(request, reply), sheet, page, selfPath: statementPath(id), backPath: STATEMENTS_PATH, backLabel: t('statements.title'), invoiceHref: commissionPdfPath, shopInvoicePath: statementInvoicePath(id) }),
      );
    },
  );

  app.get(
    shopStatementsPath(':shopId'),
    { schema: { params: ShopParams, querystring: PageQuery }, preHandler: onlyRoles('merchant', 'concierge') },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const list = await shopStatements(db, request.account, request.params.shopId, page);
      const shop = await getShop(db, request.params.shopId);
      return sendPage(reply, ShopStatementsPage({ ctx: pageContext(request, reply), shopId: shop.id, shopName: shop.tradeName, statements: list.statements, total: list.total, page }));
    },
  );

  app.get(
    shopStatementPath(':shopId', ':statementId'),
    { schema: { params: ShopStatementParams, querystring: PageQuery }, preHandler: onlyRoles('merchant', 'concierge') },
    async (request, reply) => {
      const { shopId, statementId } = request.params;
      const page = request.query.page ?? 1;
      const sheet = await statementSheet(db, request.account, statementId, page);
      // The address names the shop: a statement of another shop is not found here.
      if (sheet.detail.statement.shopId !== shopId) throw notFound();
      return sendPage(
        reply,
        StatementPage({
          ctx: pageContext(request, reply),
          sheet,
          page,
          selfPath: shopStatementPath(shopId, statementId),
          backPath: shopStatementsPath(shopId),
          backLabel: t('statements.shop.title'),
          invoiceHref: (id) => shopCommissionPdfPath(shopId, id),
          // Only the concierge records a shop's invoice (invoices.routes.ts): the merchant sends it by e-mail.
          channel: { email: config.conciergerie.email },
        }),
      );
    },
  );
}
