// French text: Online payment: choosing it at checkout, the payment page, its outcome.
export const payments = {
} as const;
