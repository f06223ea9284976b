import { envSchema, type Env } from './env.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; every problem is named at once so a bad deployment fails fast. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const input = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        const missing = i.code === 'invalid_type' && input[name] === undefined;
        return missing ? `${name} is required but not set` : `${name} ${i.message}`;
      }),
    );
  }
  return parsed.data;
}

/** Injectable view of the validated environment. */
export class AppConfig {
  constructor(readonly env: Env) {}

  static fromProcess(): AppConfig {
    return new AppConfig(loadEnv());
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
}
