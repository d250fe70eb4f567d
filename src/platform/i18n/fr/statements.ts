// French text: Settlement periods, their closing and the statements of each shop.
export const statements = {
} as const;
