// Table shapes as the database holds them (snake_case). Rows stay inside the area that
// owns the table; areas export camelCase domain types. Instants (`*_at`) are ISO-8601 UTC
// text, local dates (`*_date`) are `YYYY-MM-DD` text, money is integer cents, rates are
// basis points, booleans are 0/1 integers: the same on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string | null;
  role: string;
  display_name: string;
  shop_id: string | null;
  member_id: string | null;
  disabled_at: string | null;
  created_at: string;
  last_login_at: string | null;
}

/** 0015: two-step login; the secret is sealed (encrypted), never in clear. */
export interface AccountTotpColumns {
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
}

/** 0018: who opened the account; null for the seed, the command line and older accounts. */
export interface AccountCreatorColumns {
  created_by_account_id: string | null;
}

export interface SessionsTable {
  id: string;
  account_id: string | null;
  data: string;
  expires_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: string;
  attempts: number;
  claim_token: string | null;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
  /** Added by 0011: a password link sealed for the sending worker only; null once sent or given up. */
  sealed_link: string | null;
  /** Added by 0036: the files a mail carries (a calendar invitation), as JSON text; null for none. */
  attachments: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  result_id: string;
  created_at: string;
  /** Added by 0012: the object and account the key was used for; null when the form binds none. */
  bound_to: string | null;
}

export interface ImagesTable {
  id: string;
  content_type: string;
  bytes: Buffer;
  width: number;
  height: number;
  created_at: string;
}

/**
 * One photo an account sent to be decoded, kept an hour: uploads are counted per account in
 * the database, so the limit holds across app processes.
 */
export interface ImageUploadsTable {
  id: string;
  account_id: string;
  sent_at: string;
}

export interface CategoriesTable {
  code: string;
  label: string;
  position: number;
}

export interface ShopsTable {
  id: string;
  trade_name: string;
  legal_name: string;
  siret: string | null;
  category_code: string;
  address_line: string;
  postal_code: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  description: string;
  image_id: string | null;
  stage: string;
  stage_changed_at: string;
  joined_at: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
  /** migration 0020: « C0042 », the shop's auxiliary account in the accounting export; given at creation */
  account_code: string | null;
}

export interface ShopOpeningHoursTable {
  shop_id: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export interface OffersTable {
  id: string;
  shop_id: string;
  title: string;
  description: string;
  image_id: string | null;
  price_cents: number;
  vat_rate_bp: number;
  unit: string;
  measure_amount: number | null;
  measure_unit: string | null;
  availability: string;
  lead_time_days: number;
  position: number;
  created_at: string;
  updated_at: string;
  /** 0028: small | medium | large | heavy, the room one item takes in a vehicle */
  load_class: string;
}

export interface MembersTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  address_line: string;
  postal_code: string;
  city: string;
  kind: string;
  notes: string;
  search_text: string;
  created_at: string;
  updated_at: string;
  /** migration 0020: « A00123 », the member's auxiliary account in the accounting export; given at creation */
  account_code: string | null;
}

export interface PlacesTable {
  id: string;
  name: string;
  kind: string;
  address_line: string;
  postal_code: string;
  city: string;
  phone: string | null;
  position: number;
  created_at: string;
}

export interface PlaceOpeningHoursTable {
  place_id: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

/** Columns added to `places` by 0005; they have defaults, so inserting a place may omit them. */
export interface PlaceSlotColumns {
  slot_minutes: Generated<number>;
  slot_capacity: number | null;
  active: Generated<number>;
}

export interface PlaceClosuresTable {
  id: string;
  place_id: string;
  from_date: string;
  to_date: string;
  reason: string;
  created_at: string;
}

export interface PlaceOpeningsTable {
  id: string;
  place_id: string;
  local_date: string;
  reason: string;
  created_at: string;
}

export interface PlaceOpeningRangesTable {
  opening_id: string;
  opens_at: string;
  closes_at: string;
}

export interface SlotBookingsTable {
  place_id: string;
  start_at: string;
  booked: number;
}

export interface BasketLinesTable {
  id: string;
  owner_key: string;
  offer_id: string | null;
  shop_id: string;
  title: string;
  unit: string;
  quantity: number;
  seen_price_cents: number;
  price_is_estimate: number;
  created_at: string;
  updated_at: string;
}

export interface OrdersTable {
  id: string;
  member_id: string;
  placed_by_account_id: string | null;
  channel: string;
  status: string;
  place_id: string;
  slot_start_at: string;
  slot_end_at: string;
  slot_local_date: string;
  payment_method: string;
  collection_code: string;
  total_cents: number;
  placed_at: string;
  updated_at: string;
}

export interface PurchaseOrdersTable {
  id: string;
  order_id: string;
  shop_id: string;
  status: string;
  total_cents: number;
  collection_round_at: string;
  created_at: string;
  updated_at: string;
}

export interface OrderLinesTable {
  id: string;
  order_id: string;
  purchase_order_id: string;
  shop_id: string;
  offer_id: string | null;
  title: string;
  unit: string;
  quantity: number;
  unit_price_cents: number;
  vat_rate_bp: number;
  total_cents: number;
  price_is_estimate: number;
  status: string;
  refusal_reason: string | null;
  refusal_note: string | null;
  position: number;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  purchase_order_id: string | null;
  account_id: string | null;
  actor_label: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string;
  at: string;
}

/** Columns added by 0007: where the collection round starts. */
export interface PlaceCoordinateColumns {
  latitude: number | null;
  longitude: number | null;
}

/** Columns added to `orders` by 0007 (null until the moment they name). */
export interface OrderCounterColumns {
  ready_at: string | null;
  reminded_at: string | null;
  closed_at: string | null;
}

/** Columns added to `purchase_orders` by 0007: where it waits at the counter. */
export interface PurchaseOrderStorageColumns {
  storage_location: string | null;
  chilled: Generated<number>;
  collected_at: string | null;
}

export interface CounterPaymentsTable {
  id: string;
  order_id: string;
  method: string;
  amount_cents: number;
  account_id: string | null;
  actor_label: string;
  at: string;
}

export interface InboundMailsTable {
  id: string;
  message_id: string;
  from_address: string;
  from_name: string;
  subject: string;
  body_text: string;
  received_at: string;
  fetched_at: string;
  status: string;
  member_id: string | null;
  order_id: string | null;
  handled_by_label: string | null;
  handled_at: string | null;
  /** The receiving server's results for the From domain (pass, fail, none…); null: none reported. */
  dkim_result: string | null;
  dmarc_result: string | null;
  spf_result: string | null;
}

/** 0014: wrong passwords in a row per e-mail address tried. */
export interface LoginThrottlesTable {
  email: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

/** 0042: requests per route and client address in the current window of a rate-limited form. */
export interface RateLimitWindowsTable {
  key: string;
  /** bigint: pg answers it as a string; the repository converts. */
  window_started_ms: number | string;
  hits: number;
}

/** 0019: one row per background job, with its lease and its last run. */
export interface JobsTable {
  name: string;
  next_run_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  runs: Generated<number>;
}

export interface Database {
  service_requests: ServiceRequestsTable;
  service_request_events: ServiceRequestEventsTable;
  service_request_messages: ServiceRequestMessagesTable;
  accounts: AccountsTable & AccountTotpColumns & AccountCreatorColumns;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  login_throttles: LoginThrottlesTable;
  rate_limit_windows: RateLimitWindowsTable;
  jobs: JobsTable;
  outbox: OutboxTable & OutboxHeaderColumns;
  idempotency_keys: IdempotencyKeysTable;
  images: ImagesTable;
  image_uploads: ImageUploadsTable;
  categories: CategoriesTable;
  shops: ShopsTable & ShopSettlementColumns & ShopProviderColumns;
  shop_opening_hours: ShopOpeningHoursTable;
  offers: OffersTable;
  members: MembersTable & MemberDestinationColumns & MemberPrivacyColumns;
  places: PlacesTable & PlaceSlotColumns & PlaceCoordinateColumns & PlaceRunColumns;
  place_opening_hours: PlaceOpeningHoursTable;
  place_closures: PlaceClosuresTable;
  place_openings: PlaceOpeningsTable;
  place_opening_ranges: PlaceOpeningRangesTable;
  slot_bookings: SlotBookingsTable;
  basket_lines: BasketLinesTable;
  orders: OrdersTable & OrderCounterColumns & OrderDestinationColumns;
  purchase_orders: PurchaseOrdersTable & PurchaseOrderStorageColumns;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  counter_payments: CounterPaymentsTable;
  inbound_mails: InboundMailsTable;
  ledger_transactions: LedgerTransactionsTable;
  ledger_sequences: LedgerSequencesTable;
  account_code_sequences: AccountCodeSequencesTable;
  ledger_entries: LedgerEntriesTable;
  commission_rates: CommissionRatesTable & CommissionRateScopeColumns;
  commission_vat_rates: CommissionVatRatesTable;
  online_payments: OnlinePaymentsTable;
  payment_events: PaymentEventsTable;
  refunds: RefundsTable;
  settlement_closings: SettlementClosingsTable;
  statements: StatementsTable;
  files: FilesTable;
  shop_invoices: ShopInvoicesTable;
  invoice_sequences: InvoiceSequencesTable;
  commission_invoices: CommissionInvoicesTable;
  payout_batches: PayoutBatchesTable;
  payouts: PayoutsTable;
  bank_detail_changes: BankDetailChangesTable;
  membership_requests: MembershipRequestsTable;
  companies: CompaniesTable;
  home_delivery_settings: HomeDeliverySettingsTable;
  home_delivery_streets: HomeDeliveryStreetsTable;
  vehicles: VehiclesTable;
  delivery_runs: DeliveryRunsTable;
  delivery_stops: DeliveryStopsTable;
  delivery_orders: DeliveryOrdersTable;
  service_quotes: ServiceQuotesTable;
  repair_items: RepairItemsTable;
  repair_item_moves: RepairItemMovesTable;
  repair_attachments: RepairAttachmentsTable;
  shop_trades: ShopTradesTable;
  shop_absences: ShopAbsencesTable;
  appointments: AppointmentsTable;
  shop_imports: ShopImportsTable;
  shop_stage_events: ShopStageEventsTable;
  shop_contacts: ShopContactsTable;
  shop_campaigns: ShopCampaignsTable;
  shop_campaign_targets: ShopCampaignTargetsTable;
  shop_interactions: ShopInteractionsTable;
  shop_tasks: ShopTasksTable;
  report_months: ReportMonthsTable;
  report_rolled_months: ReportRolledMonthsTable;
  shop_visit_photos: ShopVisitPhotosTable;
  news_mailings: NewsMailingsTable;
  member_erasures: MemberErasuresTable;
  yearly_reviews: YearlyReviewsTable;
}

/** One fact of money, posted once (source_key is unique); never updated nor deleted. */
export interface LedgerTransactionsTable {
  id: string;
  kind: string;
  source_key: string;
  description: string;
  occurred_at: string;
  posted_at: string;
  // migration 0020: the local day of the operation, the number in its journal and year, the document
  occurred_on: string;
  journal: string;
  journal_year: number;
  journal_number: number;
  piece_ref: string;
  piece_on: string;
}

/** The last number taken in each journal and year of the ledger (migration 0020). */
export interface LedgerSequencesTable {
  journal: string;
  year: number;
  last_number: number;
}

/** The last short accounting code given to a shop (« C0042 ») or a member (« A00123 »), per kind. */
export interface AccountCodeSequencesTable {
  kind: string;
  last_number: number;
}

/** One side of a ledger transaction: a debit or a credit on an account, in cents. */
export interface LedgerEntriesTable {
  id: string;
  transaction_id: string;
  account: string;
  shop_id: string | null;
  member_id: string | null;
  debit_cents: number;
  credit_cents: number;
  position: number;
}

// ---- migration 0009: settlement ----

export interface ShopSettlementColumns {
  settlement_period: Generated<string>;
  iban: string | null;
  bic: string | null;
  vat_number: string | null;
  self_billing_since: string | null;
}

export interface CommissionRatesTable {
  id: string;
  shop_id: string | null;
  rate_bp: number;
  starts_on: string;
  created_at: string;
  created_by_label: string;
}

export interface CommissionVatRatesTable {
  id: string;
  rate_bp: number | null;
  starts_on: string;
  created_at: string;
  created_by_label: string;
}

export interface OnlinePaymentsTable {
  id: string;
  order_id: string;
  provider: string;
  provider_session_id: string;
  provider_payment_id: string | null;
  amount_cents: number;
  status: string;
  created_at: string;
  paid_at: string | null;
}

export interface PaymentEventsTable {
  provider: string;
  event_id: string;
  kind: string;
  received_at: string;
}

export interface RefundsTable {
  id: string;
  order_id: string;
  order_line_id: string | null;
  shop_id: string | null;
  method: string;
  online_payment_id: string | null;
  provider_refund_id: string | null;
  amount_cents: number;
  reason: string;
  account_id: string | null;
  actor_label: string;
  at: string;
  statement_id: string | null;
}

export interface SettlementClosingsTable {
  id: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  closed_at: string;
  closed_by_label: string;
  statement_count: number;
}

export interface StatementsTable {
  id: string;
  closing_id: string;
  shop_id: string;
  period_kind: string;
  period_start: string;
  period_end: string;
  status: string;
  sales_cents: number;
  refunds_cents: number;
  commission_bp: number;
  commission_cents: number;
  vat_bp: number | null;
  vat_cents: number;
  payable_cents: number;
  carried_cents: number;
  /** a negative statement carried forward: the statement that took it */
  carried_into_id: string | null;
  covers_from_at: string;
  covers_to_at: string;
  purchase_order_count: number;
  closed_at: string;
  updated_at: string;
}

export interface FilesTable {
  id: string;
  filename: string;
  content_type: string;
  bytes: Buffer;
  created_at: string;
}

export interface ShopInvoicesTable {
  id: string;
  statement_id: string;
  shop_id: string;
  number: string;
  invoice_date: string;
  amount_cents: number;
  file_id: string | null;
  self_billed: number;
  status: string;
  resolution_note: string | null;
  recorded_at: string;
  recorded_by_label: string;
}

export interface InvoiceSequencesTable {
  series: string;
  last_number: number;
}

export interface CommissionInvoicesTable {
  id: string;
  series: string;
  number: number;
  kind: string;
  statement_id: string;
  shop_id: string;
  cancels_id: string | null;
  issued_on: string;
  net_cents: number;
  vat_bp: number | null;
  vat_cents: number;
  total_cents: number;
  parties: string;
  created_at: string;
  created_by_label: string;
  carried_statement_id: string | null;
  /** A credit note giving back part of this invoice's commission (goods refunded later); null otherwise. */
  corrects_id: string | null;
}

export interface PayoutBatchesTable {
  id: string;
  status: string;
  message_id: string;
  total_cents: number;
  transfer_count: number;
  execution_date: string;
  created_at: string;
  created_by_account_id: string | null;
  created_by_label: string;
  approved_at: string | null;
  approved_by_account_id: string | null;
  approved_by_label: string | null;
  sent_at: string | null;
  paid_at: string | null;
  updated_at: string;
}

export interface PayoutsTable {
  id: string;
  batch_id: string;
  statement_id: string;
  shop_id: string;
  amount_cents: number;
  creditor_name: string;
  iban: string;
  bic: string | null;
  end_to_end_id: string;
  remittance: string;
}

// ---- migration 0012: bank details ----

/** One change of a shop's IBAN or BIC, masked, and its confirmation by a second person. */
export interface BankDetailChangesTable {
  id: string;
  shop_id: string;
  status: string;
  old_iban_masked: string | null;
  new_iban_masked: string | null;
  old_bic: string | null;
  new_bic: string | null;
  changed_at: string;
  changed_by_account_id: string | null;
  changed_by_label: string;
  confirmed_at: string | null;
  confirmed_by_account_id: string | null;
  confirmed_by_label: string | null;
}

/** migration 0024: a visitor's request to join, with a copy of their basket (owner key "adhesion:<id>"). */
export interface MembershipRequestsTable {
  id: string;
  basket_number: string;
  status: string;
  name: string;
  phone: string;
  email: string | null;
  member_id: string | null;
  created_at: string;
  updated_at: string;
  handled_by_label: string | null;
  handled_at: string | null;
}

// ---------- migration 0026: destinations (companies, home delivery, run cut-off) ----------

/** A company of the business park whose employees may be delivered at work. */
export interface CompaniesTable {
  id: string;
  name: string;
  address_line: string;
  postal_code: string;
  city: string;
  contact_name: string;
  contact_phone: string | null;
  contact_email: string | null;
  pays_delivery_fee: Generated<number>;
  /** the place of kind « company » where the van stops */
  place_id: string;
  created_at: string;
  updated_at: string;
}

/** Columns added to `members` by 0026. */
export interface MemberDestinationColumns {
  company_id: string | null;
  /** 1: the member cannot move and may be delivered at home */
  needs_delivery: Generated<number>;
}

/** Columns added to `places` by 0026: the cut-off of a delivery run (company places). */
export interface PlaceRunColumns {
  run_cutoff_days: number | null;
  run_cutoff_time: string | null;
  /** migration 0030: how a driver gets in, for the run sheet */
  access_notes: string | null;
}

/** Columns added to `orders` by 0026. */
export interface OrderDestinationColumns {
  destination_kind: Generated<string>;
  delivery_address: string | null;
}

export interface HomeDeliverySettingsTable {
  id: string;
  audience: string;
  updated_at: string;
}

export interface HomeDeliveryStreetsTable {
  id: string;
  street: string;
  street_key: string;
  postal_code: string;
}

// ---------- migration 0027: delivery runs ----------

export interface VehiclesTable {
  id: string;
  kind: string;
  name: string;
  volume_units: number;
  weight_grams: number;
  created_at: string;
}

export interface DeliveryRunsTable {
  id: string;
  run_date: string;
  vehicle_id: string;
  number: number;
  driver_account_id: string | null;
  status: string;
  window_opens: string;
  window_closes: string;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveryStopsTable {
  id: string;
  run_id: string;
  position: number;
  place_id: string | null;
  address: string | null;
  locked: Generated<number>;
  planned_arrival_at: string | null;
  actual_arrival_at: string | null;
  leg_metres: number | null;
  created_at: string;
}

export interface DeliveryOrdersTable {
  order_id: string;
  stop_id: string;
  outcome: string | null;
  recipient_name: string | null;
  refusal_reason: string | null;
  payment_method: string | null;
  recorded_at: string | null;
  recorded_by_account_id: string | null;
  settled_at: string | null;
  /** 0029: when the member was told by mail which day the run comes; null: not yet */
  scheduled_mail_at: string | null;
}

/** 0031: a resident's service request (repair, quote round, appointment, advice). */
export interface ServiceRequestsTable {
  id: string;
  number: number;
  member_id: string;
  kind: string;
  status: string;
  title: string;
  details: string;
  channel: string;
  provider_shop_id: string | null;
  due_date: string | null;
  answer: string | null;
  rating: number | null;
  rating_note: string | null;
  created_by_account_id: string | null;
  created_at: string;
  status_changed_at: string;
  reminded_at: string | null;
  updated_at: string;
}

export interface ServiceRequestEventsTable {
  id: string;
  request_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string;
  notified: Generated<number>;
  account_id: string | null;
  actor_label: string;
  at: string;
}

export interface ServiceRequestMessagesTable {
  id: string;
  request_id: string;
  author: string;
  author_label: string;
  account_id: string | null;
  body: string;
  at: string;
}

/** 0034: a provider asked for a quote on a « quote » request, and its answer. */
export interface ServiceQuotesTable {
  id: string;
  request_id: string;
  shop_id: string;
  status: string;
  share_contact: number;
  amount_cents: number | null;
  vat_rate_bp: number | null;
  valid_until_date: string | null;
  note: string;
  pdf_bytes: Buffer | null;
  entered_by: string | null;
  answered_by_label: string | null;
  accepted_by_label: string | null;
  order_id: string | null;
  asked_at: string;
  answered_at: string | null;
  accepted_at: string | null;
  done_at: string | null;
  updated_at: string;
}

// ---- migration 0032: providers, and the commission rate of services ----

/** A provider's profile on its shop row; a plain shop keeps the defaults. */
export interface ShopProviderColumns {
  /** 'shop' | 'provider' */
  kind: Generated<string>;
  area_served: Generated<string>;
  /** codes separated by spaces */
  request_channels: Generated<string>;
  /** codes separated by spaces */
  provider_labels: Generated<string>;
  /** 0 or 1 */
  makes_quotes: Generated<number>;
  usual_delay_days: number | null;
}

export interface ShopTradesTable {
  shop_id: string;
  trade_code: string;
}

export interface ShopAbsencesTable {
  id: string;
  shop_id: string;
  /** local dates, both included */
  starts_on: string;
  ends_on: string;
  note: string;
  created_at: string;
  created_by_label: string;
}

/** What a commission rate applies to: 'goods' (default) | 'services'; a shop's own rate applies to all it sells. */
export interface CommissionRateScopeColumns {
  applies_to: Generated<string>;
}
/** 0033: an item left for repair or alteration, where it is, and its prices in cents. */
export interface RepairItemsTable {
  id: string;
  request_id: string;
  description: string;
  provider_shop_id: string;
  status: string;
  shelf: string;
  agreed_price_cents: number | null;
  final_price_cents: number | null;
  bonus_eligible: Generated<number>;
  bonus_code: string | null;
  bonus_cents: number | null;
  order_id: string | null;
  order_code: string | null;
  created_at: string;
  status_changed_at: string;
  handed_back_at: string | null;
  updated_at: string;
}

export interface RepairItemMovesTable {
  id: string;
  item_id: string;
  to_status: string;
  shelf: string | null;
  provider_shop_id: string | null;
  account_id: string | null;
  actor_label: string;
  at: string;
}

export interface RepairAttachmentsTable {
  id: string;
  item_id: string;
  kind: string;
  image_id: string | null;
  bytes: Buffer | null;
  account_id: string | null;
  created_at: string;
}

// ---- appointments with a provider (migration 0035) ----

export interface AppointmentsTable {
  id: string;
  request_id: string;
  provider_shop_id: string;
  status: string;
  local_date: string;
  local_time: string;
  duration_minutes: number;
  starts_at: string;
  ends_at: string;
  sequence: number;
  told_sequence: number | null;
  decline_reason: string | null;
  remind_from_at: string;
  reminded_at: string | null;
  created_by_account_id: string | null;
  created_at: string;
  status_changed_at: string;
  updated_at: string;
}

// ---- lists of shops imported from a CSV (migration 0038) ----

/** One uploaded list of shops: its decoded text until imported, then the import's log. */
export interface ShopImportsTable {
  id: string;
  account_id: string;
  /** 'utf-8' or 'windows-1252': how the file's bytes were read */
  encoding: string;
  delimiter: string;
  content: string;
  row_count: number;
  created_at: string;
  imported_at: string | null;
  created_count: number | null;
  known_count: number | null;
}

// ---- the shops CRM (migration 0037) ----

export interface ShopStageEventsTable {
  id: string;
  shop_id: string;
  from_stage: string | null;
  to_stage: string;
  reason_code: string | null;
  note: Generated<string>;
  account_id: string | null;
  at: string;
}

export interface ShopContactsTable {
  id: string;
  shop_id: string;
  person: string;
  role: Generated<string>;
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShopCampaignsTable {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  created_by_account_id: string | null;
  created_at: string;
}

export interface ShopCampaignTargetsTable {
  campaign_id: string;
  shop_id: string;
  added_at: string;
}

export interface ShopInteractionsTable {
  id: string;
  shop_id: string;
  kind: string;
  local_date: string;
  account_id: string | null;
  met: Generated<string>;
  notes: Generated<string>;
  outcome: string;
  reason_code: string | null;
  campaign_id: string | null;
  created_at: string;
}

export interface ShopTasksTable {
  id: string;
  shop_id: string;
  title: string;
  due_date: string;
  source: string;
  reason_code: string | null;
  state: string;
  snoozed_until: string | null;
  note: Generated<string>;
  reminded_at: string | null;
  created_at: string;
  created_by_account_id: string | null;
  closed_at: string | null;
  closed_by_account_id: string | null;
}

// ---- migration 0040: the town's figures rolled up by month (reports) ----

/** One figure of one local month; `key` names the part of a breakdown, '' for a plain figure. */
export interface ReportMonthsTable {
  month: string;
  measure: string;
  key: string;
  /** cents, metres or a count; pg answers bigint as a string */
  value: number | string;
}

/** A month whose figures are rolled up, and when it was last done. */
export interface ReportRolledMonthsTable {
  month: string;
  rolled_at: string;
}

export interface ShopVisitPhotosTable {
  id: string;
  shop_id: string;
  image_id: string;
  account_id: string | null;
  created_at: string;
}

// ---- migration 0039: members' consent, personal data, news mail ----

/** Columns added to `members` by 0039. */
export interface MemberPrivacyColumns {
  consent_news_at: string | null;
  /** 'self' | 'phone' */
  consent_news_source: string | null;
  senior_at: string | null;
  erased_at: string | null;
}

/** Column added to `outbox` by 0039: extra headers as JSON text. */
export interface OutboxHeaderColumns {
  headers: string | null;
}

export interface NewsMailingsTable {
  id: string;
  idempotency_key: string;
  segment: string;
  subject: string;
  body: string;
  recipient_count: number;
  sent_at: string;
  sent_by_account_id: string | null;
}

export interface MemberErasuresTable {
  id: string;
  member_id: string;
  reason: string;
  by_account_id: string | null;
  /** JSON: rows changed per holder */
  counts: string;
  erased_at: string;
}

// ---- REVIEW (issue 16, item 7): the yearly review for the town council (migration 0041) ----

/** One request for a year's review, built by the `yearly-review` job; the PDF in `files` once done. */
export interface YearlyReviewsTable {
  id: string;
  year: number;
  status: string;
  progress: Generated<number>;
  step: string | null;
  run_owner: string | null;
  lease_until: string | null;
  file_id: string | null;
  error: string | null;
  requested_by_account_id: string | null;
  requested_by_label: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
}
