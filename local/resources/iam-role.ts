import { physicalName } from '../template/physical-name.ts';
import type { ResourceProvider } from './resource-provider.ts';

/**
 * AWS::IAM::Role: nothing is created on the emulator (IAM is not enforced locally); this names the
 * role so that a function's `Role` resolves to an ARN, which its session is assumed from
 * (provision-app.ts) and its calls are attributed to (local/iam/).
 */
export const iamRole: ResourceProvider = {
  type: 'AWS::IAM::Role',
  async provision(resource) {
    const name = (resource.property('RoleName') as string | undefined) ?? physicalName(resource.stackName, resource.logicalId, { maxLength: 64 });
    const path = (resource.property('Path') as string | undefined) ?? '/';
    return { physicalId: name, attributes: { Arn: `arn:aws:iam::${resource.aws.target.accountId}:role${path}${name}` } };
  },
};
