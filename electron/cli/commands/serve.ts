import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from '../../engine/api/handlers.js';
import { packageRoot } from '../../engine/package-root.js';
import { createPureRunner } from '../../engine/worker/pure-runner.js';
import { isLoopbackHost } from '../../web/guard.js';
import { startWebHost } from '../../web/server.js';
import { EXIT, UsageError, type CliCommand } from '../command.js';

/** `torchlift serve`: the local web host for browsers (headless Linux boxes, and the e2e tests). */
export const serveCommand: CliCommand = {
  name: 'serve',
  usage: ['serve [--port N] [--host 127.0.0.1]'],
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(ctx) {
    const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new UsageError(`--host ${host} would expose TorchLift to the network; it only serves this machine (127.0.0.1, ::1 or localhost). On a remote box use an SSH tunnel: ssh -L 8123:127.0.0.1:8123 …`);
    }
    const portText = (ctx.values.port as string | undefined) ?? '0';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${portText}")`);
    const rendererDir = path.join(packageRoot(), 'dist', 'renderer');
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      ctx.err(`The UI is not built (${rendererDir} is missing). Run "npm run build" first.\n`);
      return EXIT.failed;
    }
    const recoveryNotes = ctx.recoveryNotes;
    // The doctor runs in a worker thread: a huge paste never stalls the other calls the page makes.
    const pure = createPureRunner();
    const web = await startWebHost({ handlers: createHandlers({ host: 'web', env: ctx.env, recoveryNotes, pure }), rendererDir, host, port });
    if (ctx.json) ctx.out(`${JSON.stringify({ url: web.url, port: web.port })}\n`);
    else ctx.out(`TorchLift is running at:\n\n  ${web.url}\n\nOpen it in a browser on this machine. Press Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      process.once('SIGTERM', () => resolve());
    });
    await web.close();
    await pure.close();
    return EXIT.ok;
  },
};
