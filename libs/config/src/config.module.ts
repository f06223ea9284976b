import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** Registers an AppConfig; by default the validated process environment. */
  static forRoot(config: AppConfig = AppConfig.fromProcess()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
