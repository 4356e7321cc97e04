import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../../cli/report-error.ts';

function report(error: unknown, endpoint: string): { code: number; stderr: string } {
  let stderr = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => ((stderr += String(chunk)), done()) });
  return { code: reportError(error, { json: false, endpoint }, stream), stderr };
}

describe('the CLI reporting a request that fetch refused', () => {
  it('says why, where fetch itself only says "fetch failed"', async () => {
    // 4190 is one of the ports the Fetch standard blocks: fetch refuses it before connecting.
    const refused = await fetch('http://127.0.0.1:4190/v1/queues').catch((error: unknown) => error);

    expect(report(refused, 'http://127.0.0.1:4190')).toEqual({ code: 1, stderr: 'error: fetch failed: bad port\n' });
  });

  it('prints any other error by its message alone', () => {
    expect(report(new Error('stack NoSuchStack: Stack with id NoSuchStack does not exist', { cause: new Error('ValidationError') }), 'http://127.0.0.1:4000')).toEqual({
      code: 1,
      stderr: 'error: stack NoSuchStack: Stack with id NoSuchStack does not exist\n',
    });
  });
});
