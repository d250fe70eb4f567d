// Requests: what a member asks the conciergerie beyond shopping — an item to repair or alter
// (left at the counter, taken to the provider, brought back and handed over), a quote round
// (one to three providers asked, the member accepts one), an appointment booked with a
// provider, or advice (« trouver le bon artisan »). A request has a kind, a status in its
// kind's table, a history of who did what, messages between the member and the
// conciergerie, and a follow link that opens it without logging in. Finished work is sold as
// an order from the provider, paid and settled like any shop's sales.
export { requestsRoutes } from './requests.routes.ts';
export { REQUEST_REMINDERS_JOB, sendRequestReminders } from './requests.reminders.ts';
export { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus } from './requests.rules.ts';
export { APPOINTMENT_REMINDERS_JOB } from './appointments/appointments.diary.service.ts';
// The demo town tells its requests through the same use cases the pages call (src/demo/demo.requests.ts).
export { answerAdvice, askForService, cancelRequest, rateService } from './requests.service.ts';
export { backAtCounter, handBackItem, sendToProvider, takeInItem } from './repairs/repairs.service.ts';
export { askProviders, markWorkDone, sendQuote } from './quotes/quotes.service.ts';
export { acceptByPhone } from './quotes/quotes.accept.service.ts';
export { appointmentSummary, bookAppointment, markAppointmentDone } from './appointments/appointments.service.ts';
export { confirmByProvider, declineByProvider } from './appointments/appointments.provider.service.ts';
export { providerLink } from './appointments/appointments.mails.ts';
// What this area keeps about a member, for their data export and erasure (app.ts lists every holder).
export { REQUESTS_PERSONAL_DATA } from './requests.privacy.repository.ts';
