// French words of the site pages.
export const site = {} as const;
