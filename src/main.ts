// Command line: serve | migrate | seed | start (migrate, seed an empty database, serve).
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { createDb } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { startClockAt } from './platform/clock.ts';

const USAGE = `Usage: node --import tsx src/main.ts <command>
  start     migrate, seed the demo town if the database is empty, then serve
  serve     serve the site
  migrate   bring the database schema up to date
  seed      fill an empty database with the demo town
  help      show this text`;

async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`\nLa conciergerie est ouverte : ${config.baseUrl}\n`);
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.');
  } finally {
    await db.destroy();
  }
}

async function seed(onlyIfEmpty: boolean): Promise<void> {
  const config = loadConfig();
  startClockAt(config.clockStartsAt);
  const db = createDb(config.database);
  try {
    await migrateToLatest(db);
    const { seedDemoTown, printDemoLogins } = await import('./demo/seed.ts');
    const started = Date.now();
    const seeded = await seedDemoTown(db, config, { onlyIfEmpty });
    if (seeded) console.log(`Ville de démonstration créée en ${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} s.`);
    printDemoLogins(config);
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, strict: true });
  const command = positionals[0] ?? 'help';
  const commands: Record<string, () => Promise<void>> = {
    start: async () => {
      await seed(true);
      await serve();
    },
    serve,
    migrate,
    seed: () => seed(false),
    help: async () => console.log(USAGE),
  };
  const run = commands[command];
  if (!run) {
    console.error(USAGE);
    process.exit(2);
  }
  await run();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
