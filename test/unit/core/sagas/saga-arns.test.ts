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

  it("tells the stack's sagas from other state machines by ARN", () => {
    const machine = (name: string) => `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`;

    expect(arns.sagaOf(machine('Postroom_saga-order'))).toBe('order');
    expect(arns.sagaOf(machine('Postroom_saga-'))).toBeUndefined();
    expect(arns.sagaOf(machine('Other_saga-order'))).toBeUndefined();
    expect(arns.sagaOf(machine('Postroom_order'))).toBeUndefined();
    expect(arns.sagaOf('arn:aws:states:us-east-1:123456789012:stateMachine:Postroom_saga-order')).toBeUndefined();
  });

  it('refuses a prefix that is not a state machine ARN prefix', () => {
    expect(() => new SagaArns('arn:aws:states:eu-west-1:123456789012:', 'P_')).toThrow(/must end in ":stateMachine:"/);
  });
});
