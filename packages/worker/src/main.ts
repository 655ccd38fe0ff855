import { createLogger, loadConfig, onShutdownSignal, startPlatform } from '@tradesense/bootstrap';
import { startWorker } from './worker.js';

/** `npm run start:worker`: one worker process; run as many as needed. */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'worker' });
const platform = await startPlatform(config, logger);
const worker = await startWorker(platform);
onShutdownSignal(logger, async () => {
  await worker.stop();
  await platform.close();
});
