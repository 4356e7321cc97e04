import { describe, expect, it } from 'vitest';
import { AwsClients } from '../../../local/aws/aws-clients.ts';
import { eventSourceMappingsOf } from '../../../local/event-sources/event-source-mapping.ts';
import { startEventSources } from '../../../local/event-sources/registry.ts';
import { functionDefinitions } from '../../../local/lambda/function-definition.ts';
import { provisionStack } from '../../../local/resources/provision-stack.ts';
import { UnresolvableError } from '../../../local/template/intrinsics.ts';
import type { CfnTemplate } from '../../../local/template/template.ts';

// A template of resources that need no AWS call (named only, skipped or unknown), so that
// provisioning runs without an endpoint.
const template: CfnTemplate = {
  Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
  Resources: {
    Role: { Type: 'AWS::IAM::Role' },
    Handler: {
      Type: 'AWS::Lambda::Function',
      Metadata: { 'aws:asset:path': 'asset.1234' },
      Properties: {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Environment: { Variables: { ROLE: { Ref: 'Role' }, ROLE_ID: { 'Fn::GetAtt': ['Role', 'RoleId'] }, STACK: { Ref: 'AWS::StackName' } } },
      },
    },
    Python: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.13', FunctionName: 'explicit-name' } },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { 'Fn::GetAtt': ['Handler', 'Arn'] },
        EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:elsewhere',
        Enabled: false,
        BatchSize: 5,
      },
    },
    StreamMapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { FunctionName: { Ref: 'Handler' }, EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x' },
    },
    Custom1: { Type: 'AWS::Kinesis::Stream' },
    Custom2: { Type: 'AWS::Kinesis::Stream' },
    NeverCreated: { Type: 'Custom::Other', Condition: 'Never' },
  },
};

async function provision() {
  const lines: string[] = [];
  const aws = new AwsClients({ endpoint: 'http://127.0.0.1:9', serviceEndpoints: {}, region: 'us-east-1', accountId: '123456789012' });
  const stack = await provisionStack({ stackName: 'Unit', template, directory: '/assembly' }, { aws, gatewayUrl: 'http://127.0.0.1:4000', log: (line) => lines.push(line) });
  return { stack, lines, aws };
}

describe('provisionStack', () => {
  it('names functions, skips what needs no emulation, and warns once per unknown type', async () => {
    const { stack, lines } = await provision();
    expect([...stack.resources.keys()]).toEqual(['Role', 'Handler', 'Python', 'Mapping', 'StreamMapping', 'Custom1', 'Custom2']);
    expect(stack.resources.get('Handler')).toMatchObject({ physicalId: 'Unit-Handler', attributes: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:Unit-Handler' } });
    expect(stack.resources.get('Python')?.physicalId).toBe('explicit-name');
    expect(stack.resolve({ Ref: 'Role' })).toBe('Unit-Role');
    expect(stack.resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toBe('arn:aws:iam::123456789012:role/Unit-Role');
    expect(() => stack.resolve({ 'Fn::GetAtt': ['Role', 'RoleId'] })).toThrow(UnresolvableError);
    expect(() => stack.resolve({ Ref: 'NeverCreated' })).toThrow(/Condition is false/);
    expect(lines).toEqual(['warning: AWS::Kinesis::Stream is not emulated locally; skipped Custom1, Custom2']);
  });

  it('defines the Node.js functions from their assets, leaving out what cannot be resolved', async () => {
    const { stack } = await provision();
    const lines: string[] = [];
    expect(functionDefinitions(stack, (line) => lines.push(line))).toEqual([
      {
        stackName: 'Unit',
        logicalId: 'Handler',
        name: 'Unit-Handler',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:Unit-Handler',
        runtime: 'nodejs24.x',
        handler: 'index.handler',
        codeDirectory: '/assembly/asset.1234',
        timeoutSeconds: 3,
        memorySize: 128,
        environment: { ROLE: 'Unit-Role', STACK: 'Unit' },
        roleArn: 'arn:aws:iam::123456789012:role/Unit-Role',
      },
    ]);
    expect(lines).toEqual([
      'warning: function Handler: environment variable ROLE_ID left unset: Fn::GetAtt Role.RoleId: the local AWS::IAM::Role has no such attribute',
      'warning: function Python cannot run locally (runtime python3.13); skipped',
    ]);
  });

  it('reads event-source mappings, and starts none that is disabled or whose function does not run locally', async () => {
    const { stack, aws } = await provision();
    expect(eventSourceMappingsOf(stack)).toEqual([
      {
        logicalId: 'Mapping',
        sourceArn: 'arn:aws:sqs:us-east-1:123456789012:elsewhere',
        functionName: 'Unit-Handler',
        enabled: false,
        batchSize: 5,
        maximumBatchingWindowSeconds: 0,
        reportBatchItemFailures: false,
        filters: [],
      },
      expect.objectContaining({ logicalId: 'StreamMapping', functionName: 'Unit-Handler', enabled: true, batchSize: undefined }),
    ]);
    const lines: string[] = [];
    expect(startEventSources([stack], new Map(), aws, (line) => lines.push(line))).toEqual([]);
    expect(lines).toEqual([
      'Mapping: event-source mapping is disabled (Enabled: false); not polling',
      'warning: StreamMapping: function Unit-Handler does not run locally; not polling arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x',
    ]);
  });
});
