// Negative control for browser-bundle.test.ts: a module that a browser could not load.
import { createHash } from 'node:crypto';
import { readFileSync } from 'fs';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const read = readFileSync;
