// The round sheet to print and take along: each shop with its address, phone and hours, each
// purchase order with its pick list to tick and a line to write where it was stored.
import { formatDate } from '../platform/clock.ts';
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { PrintSheet } from '../ui/layout.tsx';
import { arrivalText, closedText, dateText, planNotes, roundHref, roundLead } from './rounds.components.tsx';
import type { CollectionRound } from './rounds.service.ts';
import { formatPhone } from '../platform/typography.ts';

/** The sheet itself, with a way back that is not printed. */
export function PrintRoundPage({ ctx, round, today }: { ctx: PageContext; round: CollectionRound; today: string }) {
  const title = t('rounds.round.title', { date: dateText(ctx, round.date) });
  return (
    <PrintSheet title={`${title} — ${ctx.conciergerie.name}`}>
      <p class="no-print">
        <a href={roundHref(round.date, today)}>{t('rounds.print_back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {ctx.conciergerie.name} — {formatPhone(ctx.conciergerie.phone)}
      </p>
      {round.stops.length === 0 ? <p>{t('rounds.round.empty')}</p> : <p>{roundLead(round)}</p>}
      {[...planNotes(round).schedule, ...planNotes(round).warnings].map((line) => (
        <p>{line}</p>
      ))}
      <ol class="round-stops">
        {round.stops.map((stop) => (
          <li class="round-stop">
            <h2>
              {stop.number}. {stop.shop.tradeName}
            </h2>
            <p>
              {t('rounds.round.arrival')}&nbsp;: {arrivalText(round, stop)} — {stop.shop.addressLine}, {stop.shop.postalCode} {stop.shop.city} — {stop.shop.phone ? formatPhone(stop.shop.phone) : t('rounds.no_phone')} — {t('rounds.round.hours')}&nbsp;: {stop.hoursText}
            </p>
            {closedText(stop) ? <p><strong>{closedText(stop)}</strong></p> : null}
            {stop.purchaseOrders.map((po) => (
              <div class="round-po">
                <h3>
                  {t('rounds.round.po_title')} <span class="code">{po.collectionCode}</span> — {tDynamic(`orders.po_status.${po.status}`)}
                  {po.late ? ` — ${t('rounds.round.late', { round: formatDate(po.collectionRoundAt, ctx.timeZone) })}` : ''}
                </h3>
                <ul class="pick-list pick-list--print">
                  {po.lines.map((line) => (
                    <li>
                      <span aria-hidden="true" class="tick">
                        ☐
                      </span>{' '}
                      {line.quantity} × {line.title}
                      {line.unit ? ` (${line.unit})` : ''}
                    </li>
                  ))}
                </ul>
                <p class="write-in">{t('rounds.print_storage')}</p>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </PrintSheet>
  );
}
