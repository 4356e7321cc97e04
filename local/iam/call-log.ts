import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionDefinition } from '../lambda/function-definition.ts';

/**
 * Appends a call one function made to another through the local runtime (Lambda Invoke, which the
 * emulator never sees) to the IAM log's `calls.jsonl`, as emulator/call_recording.py logs the
 * emulator's calls. The caller is the function whose role session signed the request.
 */
export function recordInvoke(callers: Iterable<FunctionDefinition>, authorization: string | undefined, functionName: string): void {
  const directory = process.env.POSTROOM_IAM_LOG;
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
  if (!directory || !accessKeyId) return;
  const caller = [...callers].find((definition) => definition.credentials?.accessKeyId === accessKeyId);
  if (!caller?.roleArn) return;
  const call = { role: caller.roleArn, session: caller.name, service: 'lambda', operation: 'Invoke', parameters: { FunctionName: functionName } };
  appendFileSync(join(directory, 'calls.jsonl'), `${JSON.stringify(call)}\n`);
}
