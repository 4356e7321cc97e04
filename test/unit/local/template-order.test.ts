import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../../local/template/dependency-order.ts';
import { physicalName } from '../../../local/template/physical-name.ts';
import type { CfnResource } from '../../../local/template/template.ts';

describe('dependencyOrder', () => {
  it('puts referenced and depended-on resources first, template order otherwise', () => {
    const resources = new Map<string, CfnResource>([
      ['Queue', { Type: 'AWS::SQS::Queue', Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetters', 'Arn'] } } } }],
      ['Function', { Type: 'AWS::Lambda::Function', DependsOn: ['Role'], Properties: { Environment: { Variables: { T: { 'Fn::Sub': '${Table}-${Other.Arn}-${!Not}-${AWS::Region}' } } } } }],
      ['DeadLetters', { Type: 'AWS::SQS::Queue' }],
      ['Role', { Type: 'AWS::IAM::Role', Properties: { Name: { Ref: 'AWS::StackName' } } }],
      ['Table', { Type: 'AWS::DynamoDB::Table' }],
      ['Other', { Type: 'AWS::SQS::Queue' }],
    ]);
    expect(dependencyOrder(resources)).toEqual(['DeadLetters', 'Queue', 'Role', 'Table', 'Other', 'Function']);
  });

  it('reports a cycle', () => {
    const resources = new Map<string, CfnResource>([
      ['A', { Type: 'T', Properties: { x: { Ref: 'B' } } }],
      ['B', { Type: 'T', DependsOn: 'A' }],
    ]);
    expect(() => dependencyOrder(resources)).toThrow(/circular dependency between resources: A -> B -> A/);
  });
});

describe('physicalName', () => {
  it('joins stack name and logical ID, with a required suffix', () => {
    expect(physicalName('Postroom', 'Work1234', { maxLength: 80 })).toBe('Postroom-Work1234');
    expect(physicalName('Postroom', 'Orders', { maxLength: 80, suffix: '.fifo' })).toBe('Postroom-Orders.fifo');
  });

  it('shortens long names to the limit, keeping them distinct and stable', () => {
    const a = physicalName('AVeryLongStackNameForTesting', 'AnEvenLongerLogicalIdentifierA1B2C3D4', { maxLength: 64 });
    const b = physicalName('AVeryLongStackNameForTesting', 'AnEvenLongerLogicalIdentifierA1B2C3D5', { maxLength: 64 });
    expect(a).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(physicalName('AVeryLongStackNameForTesting', 'AnEvenLongerLogicalIdentifierA1B2C3D4', { maxLength: 64 })).toBe(a);
    expect(physicalName('S'.repeat(80), 'Queue', { maxLength: 80, suffix: '.fifo' })).toMatch(/^S{66}-[0-9a-f]{8}\.fifo$/);
  });
});
