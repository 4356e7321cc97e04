import { describe, expect, it } from 'vitest';
import { evaluateCondition, resolveValue, UnresolvableError, type ResolutionScope } from '../../../local/template/intrinsics.ts';
import type { CfnTemplate } from '../../../local/template/template.ts';

const resources: Record<string, { ref: string; attributes: Record<string, unknown> }> = {
  Table: { ref: 'stack-Table', attributes: { Arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/stack-Table', StreamArn: 'arn:stream' } },
  Queue: { ref: 'http://emulator/123456789012/stack-Queue', attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:stack-Queue', QueueName: 'stack-Queue' } },
};

function scopeFor(template: CfnTemplate = {}): ResolutionScope {
  return {
    template,
    pseudo: { region: 'eu-west-1', accountId: '123456789012', partition: 'aws', urlSuffix: 'amazonaws.com', stackName: 'stack' },
    ref: (id) => {
      if (!resources[id]) throw new UnresolvableError(`no ${id}`);
      return resources[id].ref;
    },
    getAtt: (id, attribute) => {
      const value = resources[id]?.attributes[attribute];
      if (value === undefined) throw new UnresolvableError(`no ${id}.${attribute}`);
      return value;
    },
  };
}

const resolve = (value: unknown, template?: CfnTemplate) => resolveValue(value, scopeFor(template));

describe('resolveValue', () => {
  it('leaves plain values alone and resolves nested intrinsics in objects and lists', () => {
    expect(resolve({ a: 1, b: ['x', { Ref: 'Table' }], c: { d: { 'Fn::GetAtt': ['Queue', 'Arn'] } } })).toEqual({
      a: 1,
      b: ['x', 'stack-Table'],
      c: { d: 'arn:aws:sqs:eu-west-1:123456789012:stack-Queue' },
    });
  });

  it('resolves Ref to resources, pseudo parameters and parameter defaults', () => {
    expect(resolve({ Ref: 'Queue' })).toBe('http://emulator/123456789012/stack-Queue');
    expect(resolve(['AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::StackName'].map((Ref) => ({ Ref })))).toEqual([
      'eu-west-1',
      '123456789012',
      'aws',
      'amazonaws.com',
      'stack',
    ]);
    expect(resolve({ Ref: 'AWS::StackId' })).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/stack\/[0-9a-f-]{36}$/);
    expect(resolve({ Ref: 'Stage' }, { Parameters: { Stage: { Type: 'String', Default: 'dev' } } })).toBe('dev');
  });

  it('drops properties and list items that are AWS::NoValue', () => {
    expect(resolve({ keep: 1, drop: { Ref: 'AWS::NoValue' }, list: [1, { Ref: 'AWS::NoValue' }, 2] })).toEqual({ keep: 1, list: [1, 2] });
    expect(resolve({ Ref: 'AWS::NoValue' })).toBeUndefined();
  });

  it('accepts both Fn::GetAtt forms', () => {
    expect(resolve({ 'Fn::GetAtt': ['Table', 'StreamArn'] })).toBe('arn:stream');
    expect(resolve({ 'Fn::GetAtt': 'Queue.QueueName' })).toBe('stack-Queue');
  });

  it('joins, splits and selects', () => {
    expect(resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::bucket/', { Ref: 'Table' }]] })).toBe('arn:aws:s3:::bucket/stack-Table');
    expect(resolve({ 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Queue', 'Arn'] }] }] })).toBe('stack-Queue');
    expect(resolve({ 'Fn::Join': [',', { 'Fn::GetAZs': '' }] })).toBe('eu-west-1a,eu-west-1b,eu-west-1c');
  });

  it('substitutes Fn::Sub references, attributes, variables and escapes', () => {
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${AWS::AccountId}:${Table}/${Queue.QueueName}/${!Literal}' })).toBe(
      'arn:aws:x:eu-west-1:123456789012:stack-Table/stack-Queue/${Literal}',
    );
    expect(resolve({ 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'Table' } }] })).toBe('stack-Table-eu-west-1');
  });

  it('evaluates Fn::If against the template conditions', () => {
    const template: CfnTemplate = {
      Conditions: {
        InEurope: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
        NotInEurope: { 'Fn::Not': [{ Condition: 'InEurope' }] },
        Both: { 'Fn::And': [{ Condition: 'InEurope' }, { 'Fn::Or': [{ Condition: 'NotInEurope' }, { 'Fn::Equals': ['a', 'a'] }] }] },
      },
    };
    expect(resolve({ 'Fn::If': ['InEurope', 'eu', 'other'] }, template)).toBe('eu');
    expect(resolve({ 'Fn::If': ['NotInEurope', 'eu', { Ref: 'AWS::NoValue' }] }, template)).toBeUndefined();
    expect(evaluateCondition('Both', scopeFor(template))).toBe(true);
  });

  it('looks values up in Mappings and encodes Fn::Base64', () => {
    const template: CfnTemplate = { Mappings: { Sizes: { 'eu-west-1': { Memory: 256 } } } };
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'Memory'] }, template)).toBe(256);
    expect(resolve({ 'Fn::Base64': 'hi' })).toBe('aGk=');
  });

  it('throws UnresolvableError for what cannot be known locally', () => {
    expect(() => resolve({ Ref: 'Missing' })).toThrow(UnresolvableError);
    expect(() => resolve({ 'Fn::GetAtt': ['Table', 'Nope'] })).toThrow(UnresolvableError);
    expect(() => resolve({ 'Fn::ImportValue': 'Shared' })).toThrow(UnresolvableError);
    expect(() => resolve({ 'Fn::Select': [3, ['a']] })).toThrow(/out of range/);
  });
});
