import { table } from '../table.ts';
import type { SoakReport } from './soak.ts';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export function formatSoakReport(report: SoakReport): string {
  const { options, window } = report;
  const lines = [`Soak: ${options.seconds} s of mixed traffic against \`npm start\` (its own emulator), then drained`];
  lines.push(`\nSustained throughput per kind (per second): the first ${window} s beside the last ${window} s`);
  lines.push(table(['traffic', 'total', `first ${window} s`, `last ${window} s`, 'last/first'], report.throughput.map(({ kind, total, first, last }) => [
    kind, total, first.toFixed(1), last.toFixed(1), first > 0 ? (last / first).toFixed(2) : '-',
  ])));
  lines.push('\nMessages per queue (at-least-once: duplicates are reported, nothing may be lost)');
  lines.push(table(['queue', 'published', 'received', 'lost', 'duplicated'], report.queues.map(({ queue, published, received, lost, duplicated }) => [queue, published, received, lost, duplicated])));
  lines.push(`\nStream: ${report.stream.produced} records produced, ${report.stream.read} read back, ${report.stream.offsetGaps} out of order; ` +
    `idempotent repeats not replayed: ${report.idempotencyViolations}; 5xx answers: ${report.serverErrors}`);
  lines.push(`Sagas: ${report.sagas.map(({ executionId, status, expected }) => `${executionId} ${status} (expected ${expected})`).join(', ')}`);

  const first = report.memory[0];
  const last = report.memory.at(-1);
  if (first && last) {
    lines.push(`\nResident memory (VmRSS) of every process started, sampled every ${options.sampleSeconds} s`);
    const pids = [...new Set(report.memory.flatMap(({ processes }) => processes.map(({ pid }) => pid)))];
    const rssAt = (sample: typeof first, pid: number) => sample.processes.find((process) => process.pid === pid)?.rss;
    lines.push(table(['pid', 'process', 'first', 'max', 'last'], pids.map((pid) => {
      const seen = report.memory.flatMap((sample) => sample.processes.filter((process) => process.pid === pid));
      const at = (sample: typeof first) => rssAt(sample, pid);
      return [pid, seen[0]!.command.slice(0, 60), at(first) === undefined ? '-' : mb(at(first)!), mb(Math.max(...seen.map(({ rss }) => rss))), at(last) === undefined ? '-' : mb(at(last)!)];
    })));
    const every = Math.max(1, Math.round(report.memory.length / 12));
    lines.push(`total over time: ${report.memory.filter((_, i) => i % every === 0 || i === report.memory.length - 1).map(({ t, total }) => `${t.toFixed(0)} s ${mb(total)}`).join(', ')}`);
    lines.push(`growth over the second half (least squares): ${report.growthMBPerMinute.toFixed(1)} MB/min (bound ${options.maxGrowthMBPerMinute} MB/min)`);
  }
  if (report.unexpected.length > 0) lines.push(`\nUnexpected answers:\n${report.unexpected.join('\n')}`);
  lines.push(report.failures.length === 0 ? '\nSoak passed.' : `\nSoak FAILED:\n- ${report.failures.join('\n- ')}`);
  return lines.join('\n');
}
