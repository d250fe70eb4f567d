// A throwaway IMAP server for the inbox tests: the installed dovecot (Debian: dovecot-imapd)
// with a configuration of its own in a temporary folder — no system configuration read,
// plain IMAP on a free port of 127.0.0.1, one user from a passwd file, maildirs in the
// folder, all gone after `stop()`. Dovecot never gives mail access to root: as root, mails
// belong to the `dovecot` system user; otherwise to whoever runs the tests.
//
// Run alone for development: `node --import tsx scripts/dovecot.ts` prints the TEST_IMAP_*
// settings and keeps the server until Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, isRoot, userIds } from './system.ts';

export const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface ThrowawayImap {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** Stops the server and deletes its folder; safe to call twice. */
  stop: () => void;
}

/** Why the server cannot be started here, or undefined when it can. */
export function dovecotUnavailable(bin = DOVECOT_BIN): string | undefined {
  if (!existsSync(bin)) return `${bin} is missing`;
  if (!existsSync('/usr/lib/dovecot/imap')) return 'the IMAP service of dovecot (dovecot-imapd) is missing';
  if (isRoot() && (!userIds('dovecot') || !userIds('dovenull'))) return 'running as root but the `dovecot` and `dovenull` system users are missing';
  return undefined;
}

/** Who runs the server's helpers and owns the mails: dovecot's own users as root, else us. */
function usersOf(): { internal: string; login: string; mail: { uid: number; gid: number } } {
  if (isRoot()) return { internal: 'dovecot', login: 'dovenull', mail: userIds('dovecot')! };
  const me = userInfo();
  return { internal: me.username, login: me.username, mail: { uid: me.uid, gid: me.gid } };
}

function configuration(dir: string, port: number, users: ReturnType<typeof usersOf>): string {
  return `# Generated for one test run; reads nothing of /etc/dovecot.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# a refused login answers at once (the tests try a wrong password)
auth_failure_delay = 0
default_internal_user = ${users.internal}
default_login_user = ${users.login}
first_valid_uid = ${users.mail.uid}
last_valid_uid = ${users.mail.uid}
first_valid_gid = ${users.mail.gid}
last_valid_gid = ${users.mail.gid}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
mail_location = maildir:${dir}/mail/%u/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}

/** Resolves once something accepts connections on the port, or rejects after `timeoutMs`. */
async function waitForPort(port: number, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`dovecot exited with code ${server.exitCode}`);
    const open = await new Promise<boolean>((resolveOpen) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolveOpen(true);
      });
      socket.once('error', () => resolveOpen(false));
    });
    if (open) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`dovecot did not listen on port ${port} within ${timeoutMs} ms`);
}

export async function startDovecot(bin = DOVECOT_BIN): Promise<ThrowawayImap> {
  const unavailable = dovecotUnavailable(bin);
  if (unavailable) throw new Error(`dovecot cannot start: ${unavailable}`);
  const users = usersOf();
  const dir = mkdtempSync(join(tmpdir(), 'conciergerie-imap-'));
  // The mail processes run as the mail user: they must be able to walk into the folder.
  chmodSync(dir, 0o755);
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  chownSync(mailDir, users.mail.uid, users.mail.gid);
  const port = await freePort();
  const user = 'conciergerie';
  const password = `test-${process.pid}-${Date.now()}`;
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${users.mail.uid}:${users.mail.gid}::${mailDir}/${user}::\n`, { mode: 0o644 });
  const configFile = join(dir, 'dovecot.conf');
  writeFileSync(configFile, configuration(dir, port, users));
  // -F: in the foreground, as our child, so stopping it is a signal to one known process.
  const server = spawn(bin, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (server.exitCode === null) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, server, 15_000);
  } catch (error) {
    const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8').slice(-4000) : '';
    stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}${log}`);
  }
  return { host: '127.0.0.1', port, user, password, dir, stop };
}

/** The environment the inbox tests read (test/helpers/imap.ts). */
export function imapTestEnv(server: ThrowawayImap): Record<string, string> {
  return { TEST_IMAP_HOST: server.host, TEST_IMAP_PORT: String(server.port), TEST_IMAP_USER: server.user, TEST_IMAP_PASSWORD: server.password };
}

// Development use: keep a server running until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startDovecot();
  const env = Object.entries(imapTestEnv(server))
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  console.log(`dovecot is running. Run the inbox tests against it with:\n  ${env} node --import tsx --test test/integration/inbox-*.test.ts\nCtrl-C stops and deletes it.`);
  const stopAndExit = () => {
    server.stop();
    process.exit(0);
  };
  process.once('SIGINT', stopAndExit);
  process.once('SIGTERM', stopAndExit);
  setInterval(() => {}, 1 << 30);
}
