import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits at src/server/paths.ts, or at dist/src/server/paths.js once built;
// both resolve to the same project root so migrations and static assets are found either way.
const up = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PROJECT_ROOT = basename(up) === 'dist' ? dirname(up) : up;
export const MIGRATIONS_DIR = resolve(PROJECT_ROOT, 'migrations');
export const SCANNER_DIST_DIR = resolve(PROJECT_ROOT, 'scanner-app/dist');
export const PUBLIC_DIR = resolve(PROJECT_ROOT, 'src/server/public');
