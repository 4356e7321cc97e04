import { readdirSync, readFileSync } from 'node:fs';

/** Linux only: what /proc says about processes this run started. */

/** A process's resident memory (VmRSS) in bytes, or undefined once it has gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The process and all its descendants, each with its command name. */
export function processTree(root: number): Array<{ pid: number; command: string }> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: Array<{ pid: number; command: string }> = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.shift()!;
    const command = commandOf(pid);
    if (command === undefined) continue;
    tree.push({ pid, command });
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name sits in parentheses and may itself hold spaces and parentheses: read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3).join(' ');
  } catch {
    return undefined;
  }
}
