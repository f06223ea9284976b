import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '@mla/config';
import { BadInputError } from '@mla/core';
import { AuthErrorCode } from '../errors';

export const PASSWORD_MIN_LENGTH = 10;

@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;
  /** argon2id, one lane; memory and passes from the configuration (by default OWASP's minimum: 19 MiB, 2 passes). */
  private readonly options: argon2.HashOptions & { raw?: false };

  constructor(config: AppConfig) {
    this.options = {
      type: argon2.argon2id,
      memoryCost: config.env.PASSWORD_HASH_MEMORY_KIB,
      timeCost: config.env.PASSWORD_HASH_ITERATIONS,
      parallelism: 1,
    };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check, so a login for an unknown user cannot be told apart by timing. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash('dummy-password-for-timing', this.options);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** A password policy that stays out of the way: long enough, with letters and digits. */
  assertStrong(password: string, field = 'password'): void {
    const problems: string[] = [];
    if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
      problems.push(`at least ${PASSWORD_MIN_LENGTH} characters`);
    }
    if (!/[A-Za-z]/.test(password ?? '') || !/[0-9]/.test(password ?? '')) problems.push('letters and digits');
    if (typeof password === 'string' && password.length > 256) problems.push('at most 256 characters');
    if (problems.length > 0) {
      throw new BadInputError(AuthErrorCode.WEAK_PASSWORD, `${field} must have ${problems.join(' and ')}`, {
        field,
        minLength: PASSWORD_MIN_LENGTH,
        maxLength: 256,
      });
    }
  }
}
