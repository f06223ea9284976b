import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, PiiCipher, SystemClock } from '@mla/core';
import { AppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /**
   * Registers the validated configuration, the Clock (system time; tests pass a FixedClock) and the personal-data
   * cipher for every module.
   */
  static forRoot(config: AppConfig = AppConfig.fromProcess(), clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: PiiCipher, useValue: new PiiCipher(config.env.PII_ENCRYPTION_KEY) },
      ],
      exports: [AppConfig, Clock, PiiCipher],
    };
  }
}
