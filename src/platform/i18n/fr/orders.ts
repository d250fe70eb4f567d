// French words of the orders pages and mails.
export const orders = {} as const;
