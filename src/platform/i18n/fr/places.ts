// French words of the places pages.
export const places = {} as const;
