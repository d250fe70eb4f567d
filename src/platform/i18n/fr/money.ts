// French text: Accounting exports (FEC, CSV, XLSX) and the town's money pages.
export const money = {
} as const;
