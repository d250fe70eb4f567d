// French words of the catalogue pages.
export const catalogue = {} as const;
