export async function seedDemoTown(..._a: unknown[]): Promise<boolean> { return false; }
export function printDemoLogins(_c: unknown): void {}
