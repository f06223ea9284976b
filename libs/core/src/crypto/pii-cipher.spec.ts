import { randomBytes } from 'node:crypto';
import { PiiCipher } from '@mla/core';

const key = randomBytes(32).toString('base64');

describe('PiiCipher', () => {
  const cipher = new PiiCipher(key);

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('11010519491231002X', 'id_number');
    const b = cipher.encrypt('11010519491231002X', 'id_number');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1101051949');
    expect(a.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(a, 'id_number')).toBe('11010519491231002X');
  });

  it('refuses a value moved to another context, a tampered value, and another key', () => {
    const stored = cipher.encrypt('13800138000', 'mobile');
    expect(() => cipher.decrypt(stored, 'id_number')).toThrow(/failed authentication/);
    const flipped = stored.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${stored.slice(0, -2)}${flipped}${stored.slice(-1)}`;
    expect(tampered).not.toBe(stored);
    expect(() => cipher.decrypt(tampered, 'mobile')).toThrow(/failed authentication/);
    expect(() => new PiiCipher(randomBytes(32).toString('base64')).decrypt(stored, 'mobile')).toThrow(
      /failed authentication/,
    );
    expect(() => cipher.decrypt('v0.abc', 'mobile')).toThrow(/unknown encrypted value format/);
  });

  it('gives a stable keyed index per context', () => {
    expect(cipher.blindIndex('13800138000', 'mobile')).toBe(cipher.blindIndex('13800138000', 'mobile'));
    expect(cipher.blindIndex('13800138000', 'mobile')).not.toBe(cipher.blindIndex('13800138000', 'phone'));
    expect(cipher.blindIndex('13800138000', 'mobile')).not.toBe(
      new PiiCipher(randomBytes(32).toString('base64')).blindIndex('13800138000', 'mobile'),
    );
    expect(cipher.blindIndex('13800138000', 'mobile')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('encrypts bytes bound to their context (a stored file chunk and its position)', () => {
    const plain = Buffer.from('交易日期,金额\r\n20261120,100.00\u0000', 'utf8');
    const sealed = cipher.encryptBytes(plain, 'file:a:0');
    expect(sealed.includes(plain)).toBe(false);
    expect(cipher.decryptBytes(sealed, 'file:a:0').equals(plain)).toBe(true);
    expect(() => cipher.decryptBytes(sealed, 'file:a:1')).toThrow('failed authentication');
    expect(() => cipher.decryptBytes(sealed.subarray(0, 10), 'file:a:0')).toThrow('truncated');
  });

  it('requires a 32-byte key', () => {
    expect(() => new PiiCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
