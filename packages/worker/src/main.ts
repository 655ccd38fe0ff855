import { createLogger, loadConfig, onShutdownSignal, startPlatform, startTracing } from '@tradesense/bootstrap';
import { testPauseFromEnvironment } from './scheduler/test-pause.js';
import { startWorker } from './worker.js';

/** `npm run start:worker`: one worker process; run as many as needed. */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'worker' });
// Crash tests only: refuses to start outside NODE_ENV=test when its variables are set.
const checkpoint = testPauseFromEnvironment(process.env, config.env);
const tracing = await startTracing({ serviceName: 'tradesense-worker' });
const platform = await startPlatform(config, logger, { tracing });
// With the simulated platform, every process quotes the same market (docs/trading-platform.md); the risk monitor needs its ticks.
platform.startSimulatedMarket();
const worker = await startWorker(platform, checkpoint ? { checkpoint } : {});
onShutdownSignal(logger, async () => {
  await worker.stop();
  await platform.close();
  await tracing.shutdown();
});
