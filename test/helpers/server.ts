// Real servers for tests: the application started as its own process (the way a town runs
// it, for browser tests) and an SMTP server that keeps every mail it receives, parsed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

import { freePort } from '../../scripts/system.ts';
import { buildIfStale } from '../../scripts/build.ts';
import './clock.ts';

export { freePort };

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

// ---------- the application as a child process ----------

export interface AppProcess {
  url: string;
  port: number;
  /** The process id, to read its memory from /proc. */
  pid: number;
  /** The SQLite file the app runs on, so a test can add accounts to it. */
  databaseFile: string;
  databaseUrl: string;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The node arguments package.json gives a command (`npm start` runs `node … dist/src/main.js
 * start`), so the tests and the bench run the server exactly as a town does: the compiled build,
 * rebuilt first when a source is newer, with the same node flags. A command without a script
 * runs from the sources.
 */
async function nodeArgsFor(command: string | undefined): Promise<string[]> {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  const script = command ? scripts[command] : undefined;
  const words = script?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.at(-1) !== command) return ['--import', 'tsx', 'src/main.ts'];
  if (words.some((word) => word.startsWith('dist/'))) await buildIfStale();
  return words.slice(1, -1);
}

/**
 * Starts `npm start` (migrate, seed the demo town, serve) from the compiled build on a fresh
 * SQLite file (or `env.DATABASE_URL`) and a free port, and waits until it answers. With
 * `NODE_ENV: 'production'` in `env` it starts as a real installation: nothing is seeded.
 * `nodeArgs` go to node itself (a CPU profile, a heap limit): NODE_OPTIONS refuses some.
 */
export async function startAppProcess(env: Record<string, string> = {}, timeoutMs = 120_000, nodeArgs: string[] = []): Promise<AppProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-app-'));
  const databaseFile = join(dir, 'app.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = `sqlite:${databaseFile}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MAIL_WORKER: 'false',
    ...env,
  };
  delete childEnv.TEST_DIALECT;
  delete childEnv.TEST_PG_URL;
  // The suite's clock (npm test -- --now=…) is refused outside tests, as it must be.
  if (childEnv.NODE_ENV !== 'test') delete childEnv.CLOCK_START;
  let printed = '';
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...(await nodeArgsFor('start')), 'start'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the app stopped before answering (exit ${child.exitCode}):\n${printed}`);
    }
    try {
      const response = await fetch(`${url}/connexion`, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer within ${timeoutMs / 1000} s:\n${printed}`);
    }
    await sleep(200);
  }
  return { url, port, pid: child.pid!, databaseFile, databaseUrl, output: () => printed, stop };
}

/**
 * Runs one command of `src/main.ts` to its end with only the given settings (and PATH), as on
 * a fresh server and the way package.json runs it; resolves with its exit code and everything it printed.
 */
// A cold start of node with tsx can take a minute on a loaded machine: give it two.
export async function runCli(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  const command = await nodeArgsFor(args[0]);
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [...command, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}

// ---------- an SMTP server that keeps what it receives ----------

export interface SmtpInbox {
  port: number;
  mails: ParsedMail[];
  /** Resolves once `count` mails have arrived in all. */
  waitForMails: (count: number, timeoutMs?: number) => Promise<ParsedMail[]>;
  close: () => Promise<void>;
}

/** A local SMTP server without TLS or login; `refuse` makes it refuse every recipient. */
export async function startSmtpServer(options: { refuse?: boolean } = {}): Promise<SmtpInbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!options.refuse) return callback();
      const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push(parsed);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await freePort();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  return {
    port,
    mails,
    waitForMails: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mail(s), received ${mails.length}`);
        await sleep(50);
      }
      return mails;
    },
    close: () => new Promise<void>((resolveClose) => server.close(() => resolveClose())),
  };
}

/** The first link of a mail's plain text that starts with `baseUrl`. */
export function linkIn(mail: ParsedMail, baseUrl: string): string {
  const text = mail.text ?? '';
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}\\S+`).exec(text);
  if (!match) throw new Error(`no link to ${baseUrl} in the mail:\n${text}`);
  return match[0];
}
