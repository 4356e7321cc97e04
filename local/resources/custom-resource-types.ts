/**
 * CloudFormation custom resources: a Lambda function (the ServiceToken) creates them, so they are
 * provisioned after the stack's functions run locally (see custom-resources.ts), not with the rest.
 */
export const isCustomResourceType = (type: string): boolean => type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::');
