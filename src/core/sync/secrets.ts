// Secrets the workstation keeps for the server (its session token, its device tokens) are
// sealed before they reach the database: AES-256-GCM under a key that lives beside the
// database, never in it, so a copy of the database alone yields no session. A host may bring
// its own protector instead (the desktop app can use the operating system's keychain).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretProtector {
  /** Text to store in place of `plain`; `purpose` is bound to it, so it opens for that purpose only. */
  seal(plain: string, purpose: string): string;
  /** The secret back, or null when it cannot be opened here (another key, no key, another protector, or altered). */
  open(sealed: string, purpose: string): string | null;
  /** Where the key is, in words, for a message that says why a secret could not be opened. */
  readonly describe: string;
}

/** The key file in the data folder: 32 random bytes, readable by its owner only. */
export const KEY_FILE = 'vigil.key';
const PREFIX = 'k1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM under the key in `<dataDir>/vigil.key`, created (mode 0600) the first time a secret is sealed. */
export function keyFileProtector(dataDir: string): SecretProtector {
  const file = join(dataDir, KEY_FILE);
  let key: Buffer | null = null;

  const read = (): Buffer | null => {
    try {
      const k = readFileSync(file);
      if (k.length !== 32) return null;
      // A key others can read protects nothing: tightened where the platform has modes.
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return k;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };

  /** Written whole under another name, then linked into place: a second process never reads half a key, and never replaces one. */
  const create = (): Buffer => {
    mkdirSync(dataDir, { recursive: true });
    const fresh = randomBytes(32);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(tmp, fresh, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
      return fresh;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const theirs = read();
      if (theirs) return theirs;
      // A key file of the wrong size opens nothing: it is replaced.
      unlinkSync(file);
      linkSync(tmp, file);
      return fresh;
    } finally {
      unlinkSync(tmp);
    }
  };

  return {
    describe: `the key file ${file}`,
    seal(plain, purpose) {
      key ??= read() ?? create();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed, purpose) {
      if (!sealed.startsWith(PREFIX)) return null;
      key ??= read();
      if (!key) return null;
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        // Another key, or the text was altered: GCM's tag does not match.
        return null;
      }
    },
  };
}
