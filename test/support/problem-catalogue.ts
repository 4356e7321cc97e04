import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(import.meta.dirname, '..', '..', 'functions', 'core', 'problems');

/** Every `status: N, code: 'x'` the catalogue's sources declare, with the class it is in. */
export function declaredProblems(): Array<{ className: string; status: number; code: string }> {
  return readdirSync(folder).flatMap((file) => {
    const source = readFileSync(join(folder, file), 'utf8');
    return [...source.matchAll(/export class (\w+) extends ProblemError \{[\s\S]*?status: (\d+),\s*code: '(\w+)'/g)].map(([, className, status, code]) => ({
      className: className!,
      status: Number(status),
      code: code!,
    }));
  });
}
