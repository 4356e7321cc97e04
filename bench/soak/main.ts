/**
 * `npm run bench:soak`: minutes of mixed traffic against `npm start`, with throughput early and
 * late in the run, every message's fate, 5xx answers and the memory of every process it started.
 * SOAK_SECONDS sets the length (240 by default). Exits 1 when the soak fails.
 */
import { runSoak } from './soak.ts';
import { formatSoakReport } from './soak-report.ts';
import { soakDefaults } from './soak-defaults.ts';

const report = await runSoak({ ...soakDefaults, seconds: Number(process.env.SOAK_SECONDS ?? 240) });
console.log(formatSoakReport(report));
process.exitCode = report.failures.length === 0 ? 0 : 1;
