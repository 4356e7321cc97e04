import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * Median time to import (initialise) an ES module in a fresh Node process, as a Lambda cold start
 * pays it: module evaluation only, not the process start. Runs alternate between the modules given,
 * so machine noise hits each alike.
 */
export async function medianInitMs(files: readonly string[], env: NodeJS.ProcessEnv, runs: number): Promise<number[]> {
  const samples = files.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, file] of files.entries()) samples[index]!.push(await initOnce(file, env));
  }
  return samples.map(median);
}

function initOnce(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`importing ${file} failed: ${stderr || error.message}`));
      else resolve(Number(stdout));
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
