export * from './container-module.js';
export * from './cached-signal-provider.js';
export * from './indicator-signal-provider.js';
export * from './indicators/sma.js';
export * from './indicators/rsi.js';
export * from './indicators/atr.js';
export * from './gemini/gemini-signal-provider.js';
export * from './gemini/gemini-answer.js';
