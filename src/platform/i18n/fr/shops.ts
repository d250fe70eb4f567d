// French words of the shops pages.
export const shops = {} as const;
