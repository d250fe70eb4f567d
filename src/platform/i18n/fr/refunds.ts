// French text: Refunds and advance payments recorded by the concierge on an order.
export const refunds = {
} as const;
