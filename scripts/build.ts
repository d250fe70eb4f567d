// Compiles the application (src/ and migrations/) to plain JavaScript in dist/, so the server a
// town runs starts with node alone: no TypeScript loader, no second V8 isolate compiling each
// file at start. `npm install` builds (prepare); `npm start` and the other commands rebuild first
// when a source is newer than the build. Tests run the sources through tsx and need none of this,
// except the app process they start, which runs the build as a town does.
//
// dist/ keeps the repository's layout (dist/src/…, dist/migrations/…), so every address that a
// module computes from its own location (`../../migrations/`, `../public/`) lands on the same
// folder; dist/public links back to public/ so assets are read from one place.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BUILD_DIR = join(ROOT, 'dist');
/** What is compiled; also what makes a build stale when it changes. */
const SOURCE_DIRS = ['src', 'migrations'];
const CONFIG_FILES = ['package.json', 'package-lock.json', 'scripts/build.ts'];
/** Written last: a build without it was interrupted and counts as missing. */
const STAMP = join(BUILD_DIR, '.built');
/** Held while building: test files run in parallel and may all find the build stale at once. */
const LOCK = join(ROOT, 'dist.lock');
/** A lock older than this was left by a killed build. */
const LOCK_STALE_MS = 120_000;

const isSource = (name: string) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && isSource(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) => filesUnder(join(ROOT, dir)));
}

/** True when dist/ is missing, was interrupted, or is older than any source or setting. */
export function buildIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const builtAtMs = statSync(STAMP).mtimeMs;
  const inputs = [...sourceFiles(), ...CONFIG_FILES.map((file) => join(ROOT, file))];
  return inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > builtAtMs);
}

/**
 * Each file is compiled alone (no bundling): a relative import of `./x.ts` becomes `./x.js`
 * and stays an import, and packages are left to node_modules, so the modules and their
 * locations are the sources' own and a dynamic `import()` still loads on first use.
 */
const keepImportsApart: Plugin = {
  name: 'keep-imports-apart',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      return { path: args.path.replace(/\.tsx?$/, '.js'), external: true };
    });
  },
};

async function compileApp(): Promise<void> {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  await build({
    entryPoints: sourceFiles(),
    outdir: BUILD_DIR,
    outbase: ROOT,
    bundle: true,
    packages: 'external',
    plugins: [keepImportsApart],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(BUILD_DIR, { recursive: true });
  symlinkSync('../public', join(BUILD_DIR, 'public'), 'dir');
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Runs `work` alone among the processes of this checkout (mkdir is atomic). */
async function underLock<T>(work: () => Promise<T>): Promise<T> {
  while (true) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const heldMs = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (heldMs > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds unless dist/ is up to date; says so in one line when it builds. */
export async function buildIfStale(): Promise<boolean> {
  if (!buildIsStale()) return false;
  return underLock(async () => {
    if (!buildIsStale()) return false; // another process built it while this one waited
    const started = Date.now();
    await compileApp();
    console.log(`Compiled ${sourceFiles().length} files to ${relative(process.cwd(), BUILD_DIR) || '.'}/ in ${Date.now() - started} ms.`);
    return true;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else {
    await compileApp();
    console.log(`Compiled ${sourceFiles().length} files to dist/.`);
  }
}
