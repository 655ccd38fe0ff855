import { createLogger, loadConfig, onShutdownSignal, startPlatform } from '@tradesense/bootstrap';
import { startHttpServer } from '@tradesense/http';
import { startWorker } from '@tradesense/worker';

/**
 * `npm start`: the embedded platform in one process (API + worker) on PGlite,
 * or on DATABASE_URL when it is set.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'app' });
logger.info({ mode: config.mode, dataDir: config.mode === 'embedded' ? config.dataDir : undefined }, 'starting TradeSense');
const platform = await startPlatform(config, logger);
const worker = await startWorker(platform);
const http = await startHttpServer(platform);
logger.info({ url: http.url, health: `${http.url}/health`, ready: `${http.url}/ready` }, 'TradeSense is up');
onShutdownSignal(logger, async () => {
  await http.stop();
  await worker.stop();
  await platform.close();
});
