// « Page précédente · Page 2 sur 5 · Page suivante » under a long list; nothing when it fits on one page.
import { t } from '../platform/i18n/index.ts';

export function Pager({ page, pageCount, hrefOf }: { page: number; pageCount: number; hrefOf: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={t('orders.pagination.label')} class="actions pagination">
      {page > 1 ? (
        <a href={hrefOf(page - 1)} class="button button--secondary" rel="prev">
          {t('orders.pagination.previous')}
        </a>
      ) : null}
      <span>{t('orders.pagination.position', { page, count: pageCount })}</span>
      {page < pageCount ? (
        <a href={hrefOf(page + 1)} class="button button--secondary" rel="next">
          {t('orders.pagination.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** How many pages `total` items make, `perPage` at a time (at least one). */
export function pageCountOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
