import { createFirstBootLogins, createLogger, loadConfig, onShutdownSignal, startPlatform } from '@tradesense/bootstrap';
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
platform.startSimulatedMarket();
const worker = await startWorker(platform);
const http = await startHttpServer(platform);
logger.info({ url: http.url, docs: `${http.url}/docs`, health: `${http.url}/health` }, 'TradeSense is up');
const logins = await createFirstBootLogins(platform);
if (logins) {
  // Printed once, on the first boot of an embedded install (a copy is in the data directory).
  process.stdout.write(
    [
      '',
      'First boot: these logins were created for you (also saved to first-boot-logins.txt in the data directory):',
      `  admin   ${logins.admin.email}   password: ${logins.admin.password}`,
      `  trader  ${logins.trader.email}   password: ${logins.trader.password}`,
      `  API docs: ${http.url}/docs`,
      '',
    ].join('\n') + '\n',
  );
}
onShutdownSignal(logger, async () => {
  await http.stop();
  await worker.stop();
  await platform.close();
});
