import { CLOCK, SIGNAL_PROVIDER, type Clock, type SignalProvider } from '@tradesense/application';
import { ContainerModule } from 'inversify';
import { CachedSignalProvider, DEFAULT_SIGNAL_CACHE_SECONDS } from './cached-signal-provider.js';
import { GeminiSignalProvider, type GeminiConfig, type GeminiFallbackListener } from './gemini/gemini-signal-provider.js';
import { DEFAULT_INDICATOR_SETTINGS, IndicatorSignalProvider, type IndicatorSettings } from './indicator-signal-provider.js';

export interface SignalsConfig {
  /** Present (an API key from GEMINI_API_KEY) to ask Gemini first; absent for indicators only. */
  readonly gemini?: GeminiConfig;
  /** SIGNAL_CACHE_SECONDS; 300 by the rule book. */
  readonly cacheSeconds?: number;
  readonly indicators?: IndicatorSettings;
  /** Told each time a Gemini answer is replaced by the indicator signal (for logs and metrics). */
  readonly onGeminiFallback?: GeminiFallbackListener;
}

export function createSignalProvider(config: SignalsConfig, clock: Clock): SignalProvider {
  const indicators = new IndicatorSignalProvider(clock, config.indicators ?? DEFAULT_INDICATOR_SETTINGS);
  const provider = config.gemini
    ? new GeminiSignalProvider(config.gemini, indicators, clock, config.onGeminiFallback)
    : indicators;
  return new CachedSignalProvider(provider, clock, config.cacheSeconds ?? DEFAULT_SIGNAL_CACHE_SECONDS);
}

/** Binds SIGNAL_PROVIDER (cached; Gemini with indicator fallback, or indicators alone). Needs CLOCK bound. */
export function signalsModule(config: SignalsConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    // One instance for the process: the cache lives in it.
    bind(SIGNAL_PROVIDER)
      .toDynamicValue((context) => createSignalProvider(config, context.get<Clock>(CLOCK)))
      .inSingletonScope();
  });
}
