// « Page précédente · Page 2 sur 5 · Page suivante » under a long list; nothing when it fits on one page.
import { t } from '../platform/i18n/index.ts';

interface PagerProps {
  page: number;
  pageCount: number;
  hrefOf: (page: number) => string;
  /** Plain links under the public lists; buttons in the back office and the merchant's pages. */
  look?: 'buttons' | 'links';
}

export function Pager({ page, pageCount, hrefOf, look = 'buttons' }: PagerProps) {
  if (pageCount <= 1) return null;
  const position = t('pager.position', { page, count: pageCount });
  if (look === 'links') {
    return (
      <nav class="pager" aria-label={t('pager.label')}>
        <p>{position}</p>
        <ul class="actions">
          {page > 1 ? (
            <li>
              <a href={hrefOf(page - 1)} rel="prev">
                {t('pager.previous')}
              </a>
            </li>
          ) : null}
          {page < pageCount ? (
            <li>
              <a href={hrefOf(page + 1)} rel="next">
                {t('pager.next')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
    );
  }
  return (
    <nav aria-label={t('pager.label')} class="actions pagination">
      {page > 1 ? (
        <a href={hrefOf(page - 1)} rel="prev" class="button button--secondary">
          {t('pager.previous')}
        </a>
      ) : null}
      <span>{position}</span>
      {page < pageCount ? (
        <a href={hrefOf(page + 1)} rel="next" class="button button--secondary">
          {t('pager.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** How many pages `total` items make, `perPage` at a time (at least one). */
export function pageCountOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** A list's address for one page: the first page is the list's own address. */
export function pageHref(path: string, page: number, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => Boolean(pair[1]));
  if (page > 1) pairs.push(['page', String(page)]);
  return pairs.length > 0 ? `${path}?${new URLSearchParams(pairs).toString()}` : path;
}
