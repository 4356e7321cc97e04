import { expect, it } from 'vitest';
import { runSoak } from '../../bench/soak/soak.ts';
import { soakDefaults } from '../../bench/soak/soak-defaults.ts';
import { formatSoakReport } from '../../bench/soak/soak-report.ts';

// The short soak of `npm test` (150 s of traffic; SOAK_SECONDS to change it): `npm run bench:soak`
// runs the same for 4 minutes. It starts its own `npm start`, so that it knows every process's pid.
it('keeps every message, answers no 5xx and stops growing under sustained mixed traffic', async () => {
  const report = await runSoak({ ...soakDefaults, seconds: Number(process.env.SOAK_SECONDS ?? 150) });
  console.log(formatSoakReport(report));
  expect(report.failures).toEqual([]);
});
