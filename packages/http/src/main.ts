import { createLogger, loadConfig, onShutdownSignal, startPlatform } from '@tradesense/bootstrap';
import { startHttpServer } from './app/http-server.js';

/** `npm run start:http`: the API alone, against DATABASE_URL (or the embedded database). */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'http' });
const platform = await startPlatform(config, logger);
const http = await startHttpServer(platform);
onShutdownSignal(logger, async () => {
  await http.stop();
  await platform.close();
});
