// The worker container's health check: `node dist/server/src/worker-healthcheck.js` exits 0 while this host's
// worker has touched its heartbeat file recently (after a database round trip), 1 otherwise. Kept apart from
// main.ts so a check every few seconds does not load the whole server.
import { ConfigError, loadConfig } from './config.js';
import { heartbeatFile, heartbeatProblem } from './jobs/worker-heartbeat.js';

try {
  const problem = heartbeatProblem(heartbeatFile(loadConfig().dataDir));
  console.log(problem ? `unhealthy: ${problem}` : 'healthy');
  process.exit(problem ? 1 : 0);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}
