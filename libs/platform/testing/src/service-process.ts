import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../../..');

export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
  /** Everything the service wrote to stdout/stderr (JSON logs), for assertions and debugging. */
  output(): string;
  /** Sends `signal` and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

/**
 * Starts a BUILT service (`npm run build` first) the way production does:
 * `node -r scripts/register-dist-paths.js dist/apps/<app>/src/main.js`, with the given env, and
 * waits until its /health/ready answers 200.
 */
export async function startServiceProcess(app: string, env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ServiceProcess> {
  const main = resolve(repoRoot, 'dist/apps', app, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', resolve(repoRoot, 'scripts/register-dist-paths.js'), main], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode} during start:\n${out}`);
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${app} not ready after ${readyTimeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: app,
    url,
    process: child,
    output: () => out,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      // Kept for after-the-fact debugging of a failed run: .local/service-logs/<prefix><app>-<port>.log
      mkdirSync(resolve(repoRoot, '.local/service-logs'), { recursive: true });
      writeFileSync(resolve(repoRoot, '.local/service-logs', `${env['KAFKA_TOPIC_PREFIX'] ?? ''}${app}-${port}.log`), out);
      return code;
    },
  };
}
