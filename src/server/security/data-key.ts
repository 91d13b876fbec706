import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';

/**
 * Field encryption at rest (AES-256-GCM). The key lives in the data folder
 * (0600), outside the database, so a copied database file alone reveals no
 * ID numbers or phones. Ciphertext format: v1.<iv>.<tag>.<ciphertext>, base64url;
 * the column name is bound as associated data so a value can't be swapped into another column.
 */
export class DataKey {
  private constructor(private readonly key: Buffer) {}

  static load(dataDir: string): DataKey {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, 'data-key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} must hold a base64 32-byte key`);
    return new DataKey(key);
  }

  static fromBytes(key: Buffer): DataKey {
    return new DataKey(key);
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(value: string, context: string): string {
    const [version, iv, tag, ct] = value.split('.');
    if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error('unrecognised ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookups (duplicate ID numbers) without storing the value. */
  blindIndex(value: string, context: string): string {
    return createHmac('sha256', this.key).update(`${context}:${value}`).digest('base64url');
  }
}
