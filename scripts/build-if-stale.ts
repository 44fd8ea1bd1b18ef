import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const DIST_DIR = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next');
const FINGERPRINT_FILE = path.join(DIST_DIR, 'gatehouse-source-fingerprint');
const SOURCE_DIRS = ['app', 'components', 'lib', 'db', 'public'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'next.config.mjs', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts', 'instrumentation.ts'];

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** A hash of everything the build is made from: contents, not times (a fresh clone has new times). */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap((dir) => [...walk(path.join(ROOT, dir))]), ...SOURCE_FILES.map((f) => path.join(ROOT, f))]
    .filter((file) => existsSync(file) && statSync(file).isFile())
    .sort();
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Runs `next build` unless the last build was made from exactly these sources. */
export function buildIfStale(options: { force?: boolean } = {}): void {
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(DIST_DIR, 'BUILD_ID')) && existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint;
  if (built && !options.force) return;
  console.log('[gatehouse] Building the app (next build)…');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}
