// The French dictionary: the union of every subject's messages.
import { errors } from './errors.ts';
import { common } from './common.ts';
import { auth } from './auth.ts';
import { shops } from './shops.ts';
import { catalogue } from './catalogue.ts';
import { members } from './members.ts';
import { notifications } from './notifications.ts';
import { places } from './places.ts';
import { site } from './site.ts';
import { orders } from './orders.ts';
import { rounds } from './rounds.ts';
import { backofficeOrderSearch, counter, counterBoard, counterCash } from './counter.ts';
import { desk } from './desk.ts';
import { inbox } from './inbox.ts';
import { settlement } from './settlement.ts';
import { payments } from './payments.ts';
import { refunds } from './refunds.ts';
import { terms } from './terms.ts';
import { statements } from './statements.ts';
import { invoices } from './invoices.ts';
import { payouts } from './payouts.ts';
import { money } from './money.ts';
import { cli } from './cli.ts';
import { jobs } from './jobs.ts';
import { staffbar, staffbarGlance } from './staffbar.ts';
import { shell } from './shell.ts';
import { join } from './join.ts';
import { merchant } from './merchant.ts';
import { delivery } from './delivery.ts';
import { runs } from './runs.ts';
import { loads } from './loads.ts';
import { companyUsage } from './company-usage.ts';
import { orderDestination } from './order-destination.ts';
import { runsheet } from './runsheet.ts';
import { driver } from './driver.ts';
import { requests } from './requests.ts';
import { quotes } from './quotes.ts';
import { repairs } from './repairs.ts';
import { providers } from './providers.ts';
import { appointments } from './appointments.ts';
import { yearlyReview } from './yearly-review.ts';
import { shopImport } from './shop-import.ts';
import { health } from './health.ts';
import { crm } from './crm.ts';
import { reports } from './reports.ts';
import { personalData } from './personal-data.ts';

export const messages = {
  ...requests,
  ...quotes,
  ...staffbar,
  ...staffbarGlance,
  ...errors,
  ...common,
  ...auth,
  ...shops,
  ...catalogue,
  ...members,
  ...notifications,
  ...places,
  ...site,
  ...orders,
  ...rounds,
  ...backofficeOrderSearch,
  ...counter,
  ...counterBoard,
  ...counterCash,
  ...desk,
  ...inbox,
  ...settlement,
  ...payments,
  ...refunds,
  ...terms,
  ...statements,
  ...invoices,
  ...payouts,
  ...money,
  ...cli,
  ...jobs,
  ...shell,
  ...join,
  ...merchant,
  ...delivery,
  ...runs,
  ...loads,
  ...companyUsage,
  ...orderDestination,
  ...runsheet,
  ...driver,
  ...repairs,
  ...providers,
  ...appointments,
  ...yearlyReview,
  ...shopImport,
  ...health,
  ...crm,
  ...reports,
  ...personalData,
} as const;
