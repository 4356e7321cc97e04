import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** A module's initialisation: wall time, and the CPU time the process spent in it (all its threads). */
export interface InitTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Median time to import (initialise) an ES module in a fresh Node process, as a Lambda cold start
 * pays it: module evaluation only, not the process start. Runs alternate between the modules given,
 * so machine noise hits each alike. CPU time is printed beside wall time: on a loaded machine wall
 * time also counts waiting for a core.
 */
export async function medianInitTimes(files: readonly string[], env: NodeJS.ProcessEnv, runs: number): Promise<InitTime[]> {
  const samples = files.map(() => [] as InitTime[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, file] of files.entries()) samples[index]!.push(await initOnce(file, env));
  }
  return samples.map((times) => ({ wallMs: median(times.map((time) => time.wallMs)), cpuMs: median(times.map((time) => time.cpuMs)) }));
}

function initOnce(file: string, env: NodeJS.ProcessEnv): Promise<InitTime> {
  const script = `const t = performance.now(); const c = process.cpuUsage(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wallMs: performance.now() - t, cpuMs: (u.user + u.system) / 1000 }));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`importing ${file} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as InitTime);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
