// French words of the members pages.
export const members = {} as const;
