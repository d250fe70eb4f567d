// The route matrix's town opened for a test file: the app with its route table, the
// two-sided world, everyone logged in with their CSRF token, and a way to send a route a
// request as one of them while counting what was sent.
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from './app.ts';
import { Agent } from './agent.ts';
import { changedTables, snapshot } from './route-check.ts';
import { fieldValues, type Body } from './route-fill.ts';
import { captureRoutes, isWrite, keyOf, NOT_REQUESTED, type FoundRoute, type Who } from './route-table.ts';
import { buildWorld, type World } from './route-world.ts';
import { localDateOf } from '../../src/platform/calendar.ts';
import { nowIso } from '../../src/platform/clock.ts';
import type { CurrentAccount } from '../../src/platform/page-context.ts';

export class Town {
  /** Requests sent through `send`, for the figures a test prints. */
  requestCount = 0;
  /** The database as last read, so that a loop of refused requests reads it once per step, not twice. */
  private lastSeen: Map<string, string> | undefined;

  constructor(
    readonly ctx: TestApp,
    readonly routes: FoundRoute[],
    readonly world: World,
    readonly today: string,
    readonly agents: Map<Who, Agent>,
    readonly tokens: Map<Who, string>,
    readonly accounts: Map<Who, CurrentAccount>,
  ) {}

  /** The routes this town asks (all but the static files). */
  requested(): FoundRoute[] {
    return this.routes.filter((route) => !(keyOf(route) in NOT_REQUESTED));
  }

  values(): Record<string, () => string | string[]> {
    return fieldValues(this.world, this.today);
  }

  /** A request as `who`: a GET, or a form posted with their CSRF token (another one, or none with `null`). */
  async send(who: Who, route: FoundRoute, url: string, body: Body = {}, csrf: string | null = this.tokens.get(who)!): Promise<LightMyRequestResponse> {
    this.requestCount += 1;
    const agent = this.agents.get(who)!;
    if (!isWrite(route)) return agent.get(url);
    if (csrf === null) {
      const payload = new URLSearchParams(Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : value.map((item) => [name, item])))).toString();
      return this.ctx.app.inject({ method: route.method as 'POST', url, payload, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: agent.cookieHeader() } });
    }
    return agent.post(url, { ...body, _csrf: csrf });
  }

  snapshot(): Promise<Map<string, string>> {
    return snapshot(this.ctx);
  }

  /** The database before a step: the last snapshot taken, or a fresh one. */
  async baseline(): Promise<Map<string, string>> {
    this.lastSeen ??= await snapshot(this.ctx);
    return this.lastSeen;
  }

  /** The tables changed since `before` (read by `baseline`). */
  async changesSince(before: Map<string, string>): Promise<string[]> {
    this.lastSeen = await snapshot(this.ctx);
    return changedTables(before, this.lastSeen);
  }

  /** Forgets the last snapshot, after writes made on purpose. */
  forget(): void {
    this.lastSeen = undefined;
  }

  close(): Promise<void> {
    return this.ctx.close();
  }
}

/** A fresh app on a fresh database, its routes, the world, and everyone logged in. */
export async function openTown(): Promise<Town> {
  const { built: ctx, routes } = await captureRoutes(() => buildTestApp());
  const accounts = new Map<Who, CurrentAccount>();
  const { world, made } = await buildWorld({ ctx, accounts });
  const agents = new Map<Who, Agent>([['visitor', new Agent(ctx.app)]]);
  const logins = [...made].map(async ([who, account]) => {
    const agent = new Agent(ctx.app);
    await agent.login(account.email, account.password);
    return [who, agent] as const;
  });
  for (const [who, agent] of await Promise.all(logins)) agents.set(who, agent);
  const tokens = new Map<Who, string>();
  for (const [who, agent] of agents) tokens.set(who, await agent.csrfToken(who === 'visitor' ? '/connexion' : '/'));
  return new Town(ctx, routes, world, localDateOf(nowIso(), ctx.config.timeZone), agents, tokens, accounts);
}
