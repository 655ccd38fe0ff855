import { createLogger, loadConfig, onShutdownSignal, startTracing } from '@tradesense/bootstrap';
import { startApp } from './start-app.js';

/**
 * `npm start`: the embedded platform in one process (API + worker) on PGlite,
 * or on DATABASE_URL when it is set.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel, { process: 'app' });
logger.info({ mode: config.mode, dataDir: config.mode === 'embedded' ? config.dataDir : undefined }, 'starting TradeSense');
// Before the HTTP app is built: its routes are instrumented as they are registered.
const tracing = await startTracing({ serviceName: 'tradesense' });
const app = await startApp(config, logger, tracing);
if (app.logins) {
  const { logins } = app;
  // Printed once, on the first boot of an embedded install (a copy is in the data directory).
  process.stdout.write(
    [
      '',
      'First boot: these logins were created for you (also saved to first-boot-logins.txt in the data directory):',
      `  admin   ${logins.admin.email}   password: ${logins.admin.password}`,
      `  trader  ${logins.trader.email}   password: ${logins.trader.password}`,
      `  API docs: ${app.url}/docs`,
      `  API guide with curl examples: docs/api.md`,
      '',
    ].join('\n') + '\n',
  );
}
onShutdownSignal(logger, async () => {
  await app.stop();
  await tracing.shutdown();
});
