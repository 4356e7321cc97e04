import { describe, expect, it } from 'vitest';
import { tracer, tracingEnabled } from '../../../functions/adapters/tracing.ts';

describe('tracingEnabled', () => {
  const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };

  it('traces on Lambda unless POWERTOOLS_TRACE_ENABLED is false (any case) or SAM CLI runs the function', () => {
    expect(tracingEnabled(lambda)).toBe(true);
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'true' })).toBe(true);
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'False' })).toBe(false);
    expect(tracingEnabled({ ...lambda, AWS_SAM_LOCAL: 'true' })).toBe(false);
  });

  it('does not trace outside Lambda, where there is no X-Ray daemon', () => {
    expect(tracingEnabled({})).toBe(false);
  });

  it('leaves the tracer unloaded in a process that does not trace', () => {
    expect(tracingEnabled()).toBe(false);
    expect(tracer).toBeUndefined();
  });
});
