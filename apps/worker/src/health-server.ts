import { createServer, type Server } from 'node:http';
import { runProbes, type HealthReport } from '@mla/core';

/** The worker has no controllers: a bare HTTP server answers GET /health for orchestrators. */
export function startHealthServer(
  port: number,
  probes: Record<string, () => Promise<unknown>>,
  extra: () => Promise<object>,
): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404,"code":"NOT_FOUND"}');
      return;
    }
    void (async () => {
      const report: HealthReport = await runProbes(probes);
      const body = { ...report, ...(await extra().catch(() => ({}))) };
      res
        .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    })();
  });
  server.listen(port, process.env.HOST ?? '0.0.0.0');
  return server;
}
