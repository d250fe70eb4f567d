// French text: A shop's settlement terms and the town's commission and VAT rates.
export const terms = {
} as const;
