import { describe, expect, it } from 'vitest';
import { SagaArns } from '../../../../functions/core/sagas/saga-arns.ts';

describe('Class: SagaArns', () => {
  const arns = new SagaArns('arn:aws:states:eu-west-1:123456789012:stateMachine:', 'Postroom_');

  it('names the state machine of a saga with the stack prefix', () => {
    expect(arns.stateMachine('order')).toBe('arn:aws:states:eu-west-1:123456789012:stateMachine:Postroom_saga-order');
  });

  it('names an execution under execution:<state machine>:<id>', () => {
    expect(arns.execution('order', 'e-1')).toBe('arn:aws:states:eu-west-1:123456789012:execution:Postroom_saga-order:e-1');
  });

  it('refuses a prefix that is not a state machine ARN prefix', () => {
    expect(() => new SagaArns('arn:aws:states:eu-west-1:123456789012:', 'P_')).toThrow(/must end in ":stateMachine:"/);
  });
});
