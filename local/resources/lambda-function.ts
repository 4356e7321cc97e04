import { physicalName } from '../template/physical-name.ts';
import type { ResourceProvider } from './resource-provider.ts';

/**
 * AWS::Lambda::Function: nothing is created on the emulator (the local runtime runs the code
 * itself, see lambda/); this only names the function so that Ref and Fn::GetAtt resolve.
 */
export const lambdaFunction: ResourceProvider = {
  type: 'AWS::Lambda::Function',
  async provision(resource) {
    const name = (resource.property('FunctionName') as string | undefined) ?? physicalName(resource.stackName, resource.logicalId, { maxLength: 64 });
    const { region, accountId } = resource.aws.target;
    return { physicalId: name, attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` } };
  },
};
