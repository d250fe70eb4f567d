// French words of the notifications pages.
export const notifications = {} as const;
