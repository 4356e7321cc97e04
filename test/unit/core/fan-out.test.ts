import { describe, expect, it } from 'vitest';
import { fanOutMessageBytes, filterPolicyFor, TARGETS_ATTRIBUTE, targetsAttributeValue } from '../../../functions/core/fan-out.ts';

describe('fan-out addressing', () => {
  it('gives each queue a filter policy with one key and one value: its own target id', () => {
    expect(JSON.parse(filterPolicyFor('5d9a17cb'))).toEqual({ 'postroom.targets': ['5d9a17cb'] });
  });

  it('lists the targets as the JSON array SNS reads a String.Array from', () => {
    expect(targetsAttributeValue(['a1', 'b2'])).toBe('["a1","b2"]');
    expect(targetsAttributeValue([])).toBe('[]');
  });

  it('counts the body and the targets attribute (name, data type, value) in UTF-8 bytes', () => {
    const targets = ['5d9a17cb', '0badf00d'];

    expect(fanOutMessageBytes('é', targets)).toBe(2 + TARGETS_ATTRIBUTE.length + 'String.Array'.length + '["5d9a17cb","0badf00d"]'.length);
  });

  it('keeps 50 targets under 600 bytes, so wide fan-out leaves the body almost all of SNS’s 256 KiB', () => {
    const targets = Array.from({ length: 50 }, (_, i) => i.toString(16).padStart(8, '0'));

    expect(fanOutMessageBytes('', targets)).toBeLessThan(600);
  });
});
