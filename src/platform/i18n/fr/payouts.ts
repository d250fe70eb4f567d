// French text: Payout batches, the SEPA transfer file and their approval.
export const payouts = {
} as const;
