import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadInputError, CommonErrorCode } from '../errors/domain-error';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption at rest for personal data (ID numbers, phones, bank accounts): AES-256-GCM, authenticated, with a
 * random IV per value, plus a keyed hash (HMAC-SHA256) for exact-match lookup without decrypting. Both keys are
 * derived from the one configured master key, so the database alone reveals nothing. Values are stored as
 * `v1.<base64url(iv | ciphertext | tag)>`; the version leaves room for key rotation.
 */
export class PiiCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64, 'base64');
    if (master.length !== 32)
      throw new BadInputError(CommonErrorCode.INVALID_KEY, 'the personal-data key must be 32 bytes');
    this.encryptionKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'mla-pii-encryption-v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'mla-pii-index-v1', 32));
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    // The context (e.g. the column name) is authenticated: a value copied into another column fails to decrypt.
    if (context) cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  decrypt(stored: string, context = ''): string {
    const [version, payload] = stored.split('.');
    if (version !== VERSION || !payload)
      throw new BadInputError(CommonErrorCode.UNREADABLE_CIPHERTEXT, 'unknown encrypted value format');
    const raw = Buffer.from(payload, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES)
      throw new BadInputError(CommonErrorCode.UNREADABLE_CIPHERTEXT, 'encrypted value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, IV_BYTES));
    if (context) decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new BadInputError(
        CommonErrorCode.UNREADABLE_CIPHERTEXT,
        'encrypted value failed authentication (wrong key or tampered)',
      );
    }
  }

  /** Bytes encrypted the same way (a stored file's chunk): iv | ciphertext | tag, the context authenticated. */
  encryptBytes(plaintext: Buffer, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }

  decryptBytes(stored: Buffer, context: string): Buffer {
    if (stored.length < IV_BYTES + TAG_BYTES)
      throw new BadInputError(CommonErrorCode.UNREADABLE_CIPHERTEXT, 'encrypted value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, stored.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(stored.subarray(stored.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(stored.subarray(IV_BYTES, stored.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BadInputError(
        CommonErrorCode.UNREADABLE_CIPHERTEXT,
        'encrypted value failed authentication (wrong key or tampered)',
      );
    }
  }

  /** Deterministic keyed hash of a normalised value: equal inputs give equal hashes, and nothing else does. */
  blindIndex(normalized: string, context: string): string {
    return createHmac('sha256', this.indexKey).update(`${context}\u0000${normalized}`, 'utf8').digest('hex');
  }

  sameIndex(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
