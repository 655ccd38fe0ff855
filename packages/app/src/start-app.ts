import { createFirstBootLogins, startPlatform, type Config, type FirstBootLogins, type Logger, type Platform, type PlatformTracing } from '@tradesense/bootstrap';
import { loadExampleCalendar, startHttpServer } from '@tradesense/http';
import { startWorker } from '@tradesense/worker';

export interface RunningApp {
  readonly platform: Platform;
  /** Base URL the API listens on. */
  readonly url: string;
  /** The logins created on the first boot of an embedded install; null on every later boot and in server mode. */
  readonly logins: FirstBootLogins | null;
  /** Stops the API, then the worker, then closes the platform. */
  stop(): Promise<void>;
}

/**
 * What `npm start` runs, in one process: the platform with its simulated
 * market running in real time, a worker and the API; then, on the first boot
 * of an embedded install, the demo logins. Kept apart from main.ts so the
 * documented API examples can be run against exactly this start.
 */
export async function startApp(config: Config, logger: Logger, tracing?: PlatformTracing): Promise<RunningApp> {
  const platform = await startPlatform(config, logger, tracing ? { tracing } : {});
  try {
    platform.startSimulatedMarket();
    const worker = await startWorker(platform);
    const http = await startHttpServer(platform).catch(async (error: unknown) => {
      await worker.stop();
      throw error;
    });
    logger.info({ url: http.url, docs: `${http.url}/docs`, health: `${http.url}/health` }, 'TradeSense is up');
    const logins = await createFirstBootLogins(platform);
    // The first boot of an embedded install (the one that creates the logins) also gets an example economic calendar.
    if (logins) await loadExampleCalendar(platform);
    return {
      platform,
      url: http.url,
      logins,
      async stop() {
        await http.stop();
        await worker.stop();
        await platform.close();
      },
    };
  } catch (error) {
    await platform.close();
    throw error;
  }
}
