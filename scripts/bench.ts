// npm run bench: throughput of the product's pages against a bare fastify "hello" measured in
// the same run by the same load generator (autocannon, in this process; the servers run in
// their own processes). The machine is shared, so the figures that matter are ratios.
// Prints one line per figure: name, measured value, target, met / not met.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startAppProcess } from '../test/helpers/server.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DURATION_SECONDS = Number(process.argv.find((arg) => arg.startsWith('--seconds='))?.split('=')[1] ?? 10);
const CONNECTIONS = 50;

interface Load {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

async function load(url: string): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function startHello(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/hello.ts', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`hello server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

function report(name: string, value: string, target: string, met: boolean): void {
  console.log(`${name.padEnd(42)} ${value.padStart(14)}   target ${target.padEnd(16)} ${met ? 'met' : 'not met'}`);
}

async function firstStorefront(appUrl: string): Promise<string> {
  const html = await (await fetch(`${appUrl}/commerces`)).text();
  const match = /href="(\/commerces\/[0-9a-f-]{36})"/.exec(html);
  if (!match) throw new Error('no storefront found on /commerces');
  return `${appUrl}${match[1]}`;
}

async function main(): Promise<void> {
  console.log(`Load: autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per figure.\n`);
  const hello = await startHello();
  const app = await startAppProcess({ NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-0123456789-0123456789-0123', LOG_LEVEL: 'warn' });
  try {
    const baseline = await load(hello.url);
    report('bare fastify hello (req/s)', baseline.requestsPerSecond.toFixed(0), 'baseline', baseline.errors === 0);
    const storefrontUrl = await firstStorefront(app.url);
    const storefront = await load(storefrontUrl);
    const ratio = storefront.requestsPerSecond / baseline.requestsPerSecond;
    report('storefront page, SQLite (req/s)', storefront.requestsPerSecond.toFixed(0), '-', storefront.errors === 0);
    report('storefront / bare fastify', `${(ratio * 100).toFixed(1)} %`, '>= 25 %', ratio >= 0.25);
    report('storefront p99 latency', `${storefront.p99Ms.toFixed(1)} ms`, '<= 20 ms', storefront.p99Ms <= 20);
    const home = await load(`${app.url}/`);
    report('home page / bare fastify', `${((home.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(1)} %`, '-', home.errors === 0);
    console.log('\nCheckout throughput (orders/s) and PostgreSQL figures are not measured yet.');
  } finally {
    hello.stop();
    await app.stop();
  }
}

await main();
