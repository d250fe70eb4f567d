// `npm test -- --now=…` runs the whole suite as if it were that instant (CLOCK_START, see
// scripts/test.ts). Importing this starts the test process's own clock there too, so what a
// test computes ("today", "three days ago") agrees with what the app does.
import { loadConfig } from '../../src/config.ts';
import { startClockAt } from '../../src/platform/clock.ts';

export const SUITE_CLOCK_START = process.env.CLOCK_START || undefined;

startClockAt(loadConfig({ NODE_ENV: 'test', CLOCK_START: SUITE_CLOCK_START }).clockStartsAt);
