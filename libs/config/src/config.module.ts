import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from '@mla/core';
import { AppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /**
   * Registers the validated configuration and the Clock (system time; tests pass a FixedClock) for every module.
   */
  static forRoot(config: AppConfig = AppConfig.fromProcess(), clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
