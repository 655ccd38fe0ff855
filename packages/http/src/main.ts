import { createLogger, loadConfig, onShutdownSignal, startPlatform, startTracing } from '@tradesense/bootstrap';
import { startHttpServer } from './app/http-server.js';

/** `npm run start:http`: the API alone, against DATABASE_URL (or the embedded database). */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'http' });
// Before the HTTP app is built: its routes are instrumented as they are registered.
const tracing = await startTracing({ serviceName: 'tradesense-api' });
const platform = await startPlatform(config, logger, { tracing });
// With the simulated platform every API process follows the shared market in real time (its books are in the database).
platform.startSimulatedMarket();
const http = await startHttpServer(platform);
onShutdownSignal(logger, async () => {
  await http.stop();
  await platform.close();
  await tracing.shutdown();
});
