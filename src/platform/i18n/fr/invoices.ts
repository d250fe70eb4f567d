// French text: Shop invoices matched against statements, and the conciergerie's commission invoices.
export const invoices = {
} as const;
