// What every appointment use case reads together: the request, its member, the provider shop.
// Shared by the concierge's, the provider's and the reminders' use cases.
import type { Executor } from '../../db/index.ts';
import { findMembersByIds, type Member } from '../../members/index.ts';
import { findShopsByIds, listProviders, providerAvailability as shopAvailability, tradesText, type Shop } from '../../shops/index.ts';
import { notFound } from '../../platform/errors.ts';
import { findRequest, type ServiceRequest } from '../requests.repository.ts';
import type { Appointment } from './appointments.repository.ts';
import type { Availability } from './appointments.rules.ts';

export interface AppointmentParts {
  request: ServiceRequest;
  member: Member;
  shop: Shop;
}

export async function partsOf(db: Executor, appointment: Pick<Appointment, 'requestId' | 'providerShopId'>): Promise<AppointmentParts> {
  const request = await findRequest(db, appointment.requestId);
  if (!request) throw notFound();
  const [[member], [shop]] = await Promise.all([findMembersByIds(db, [request.memberId]), findShopsByIds(db, [appointment.providerShopId])]);
  if (!member || !shop) throw notFound();
  return { request, member, shop };
}

export interface ProviderChoice {
  id: string;
  name: string;
}

/** The providers the concierge may book: the directory's, each named with its trades. */
export async function providerChoices(db: Executor): Promise<ProviderChoice[]> {
  return (await listProviders(db, {})).map((provider) => ({ id: provider.shopId, name: `${provider.tradeName} — ${tradesText(provider.trades)}` }));
}

/**
 * Whether the provider can come from `startsAt` to `endsAt`, read as wall-clock times of the
 * town: within its opening hours and outside its absences (the providers' directory).
 */
export async function providerAvailability(db: Executor, shopId: string, startsAt: string, endsAt: string, timeZone: string): Promise<Availability> {
  return shopAvailability(db, shopId, startsAt, endsAt, timeZone);
}
