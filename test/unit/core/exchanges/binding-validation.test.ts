import { describe, expect, it } from 'vitest';
import { validateBinding } from '../../../../functions/core/exchanges/binding-validation.ts';
import { InvalidBindingError } from '../../../../functions/core/problems/index.ts';

const toQueue = (args: Record<string, string | number | boolean | null>) => ({ source: 'x', destination: { queue: 'q' }, bindingKey: '', arguments: args });

describe('validateBinding', () => {
  it('refuses a headers binding with an unknown x-match, as RabbitMQ does', () => {
    expect(() => validateBinding('headers', toQueue({ 'x-match': 'some' }))).toThrow(InvalidBindingError);
  });

  it.each(['all', 'any', 'all-with-x', 'any-with-x'])('accepts x-match %s', (mode) => {
    expect(() => validateBinding('headers', toQueue({ 'x-match': mode, a: 1 }))).not.toThrow();
  });

  it('accepts any arguments on exchanges that do not read them', () => {
    expect(() => validateBinding('direct', toQueue({ 'x-match': 'some' }))).not.toThrow();
  });
});
