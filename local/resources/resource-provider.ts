import type { AwsClients } from '../aws/aws-clients.ts';

/** What a resource module is handed to create (or find) one resource of its type. */
export interface ResourceContext {
  readonly stackName: string;
  readonly logicalId: string;
  readonly aws: AwsClients;
  /** Where the local gateway serves the template's HTTP APIs. */
  readonly gatewayUrl: string;
  /** One property of the resource with its intrinsics resolved; undefined when absent. */
  property(name: string): unknown;
}

/** What `Ref` and `Fn::GetAtt` return for a resource once it exists. */
export interface ResourceOutputs {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** Creates resources of one CloudFormation type; creating one that already exists must succeed. */
export interface ResourceProvider {
  readonly type: string;
  provision(resource: ResourceContext): Promise<ResourceOutputs>;
}
