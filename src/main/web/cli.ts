/**
 * `npm run web`: opens the core on a data folder and serves the app on 127.0.0.1.
 * Options: --data-dir DIR (or TRIBUNE_DATA_DIR), --port N (default: a free port),
 * --plc-url URL and --appview-url URL (a private Bluesky network, such as the sandbox's),
 * --chat-did DID (its Bluesky chat service, reached through the PDS),
 * --no-link-cards (never fetch link previews from the web), --allow-private-images (the board's
 * images may come from 127.0.0.1 and private addresses: the sandbox and tests only).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openCore } from '../core/app';
import { StoreOpenError } from '../core/store/database';
import { defaultDataDir } from './data-dir';
import { startWebHost } from './host';

declare const __TRIBUNE_VERSION__: string;

async function main() {
  // Read first: a supervisor killed while the host starts must still be noticed (ppid is then already 1).
  const supervisor = process.ppid;
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'static-dir': { type: 'string' },
      'plc-url': { type: 'string' },
      'appview-url': { type: 'string' },
      'chat-did': { type: 'string' },
      'no-link-cards': { type: 'boolean' },
      'allow-private-images': { type: 'boolean' },
    },
  });
  const dataDir = path.resolve(values['data-dir'] ?? process.env.TRIBUNE_DATA_DIR ?? defaultDataDir());
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = path.resolve(values['static-dir'] ?? path.join(here, '..', 'renderer'));
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);

  let core;
  try {
    core = await openCore({
      dataDir,
      host: 'web',
      // The renderer's typed client checks every answer on arrival (client/typedClient.ts).
      checkAnswers: false,
      systemLocale: process.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale,
      version: typeof __TRIBUNE_VERSION__ === 'string' ? __TRIBUNE_VERSION__ : '0.0.0',
      sandbox: process.env.TRIBUNE_SANDBOX === '1',
      ...(process.env.TRIBUNE_SANDBOX_PDS_URL ? { sandboxPdsUrl: process.env.TRIBUNE_SANDBOX_PDS_URL } : {}),
      network: {
        ...(values['plc-url'] ? { plcUrl: values['plc-url'] } : {}),
        ...(values['appview-url'] ? { appviewUrl: values['appview-url'] } : {}),
        ...(values['chat-did'] ? { chatDid: values['chat-did'] } : {}),
        linkCards: !values['no-link-cards'],
        allowPrivateImages: values['allow-private-images'] === true,
      },
    });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      process.stderr.write(`Tribune cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const host = await startWebHost({ core, staticDir, port });
  process.stdout.write(`Tribune data folder: ${dataDir}\nTribune is ready: open ${host.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a supervisor (npm run demo): never outlive it, even if it was killed outright.
  if (process.env.TRIBUNE_EXIT_WITH_PARENT === '1') {
    const parentGone = () => {
      if (process.ppid !== supervisor) return true;
      try {
        process.kill(supervisor, 0);
        return false;
      } catch {
        return true;
      }
    };
    const watchdog = setInterval(() => {
      if (!parentGone()) return;
      clearInterval(watchdog);
      // A clean stop, but never a lingering one: the port must be free even on a loaded machine.
      setTimeout(() => process.kill(process.pid, 'SIGKILL'), 3000);
      void stop();
    }, 500);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Tribune cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
