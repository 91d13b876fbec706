import { createHash, randomBytes } from 'node:crypto';
import type { Sha256 } from '../../../core/audit/index.js';

/** base64url(SHA-256(UTF-8(text))), synchronous so an append stays inside its SQLite transaction. */
export const sha256: Sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64url');

/** A fresh salt for an entry's personal-field commitment: 16 random bytes, base64url. */
export const newSalt = (): string => randomBytes(16).toString('base64url');
