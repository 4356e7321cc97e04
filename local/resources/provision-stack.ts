import type { StackArtifact } from '../assembly/read-assembly.ts';
import type { AwsClients } from '../aws/aws-clients.ts';
import { dependencyOrder } from '../template/dependency-order.ts';
import { evaluateCondition, resolveValue, UnresolvableError, type ResolutionScope } from '../template/intrinsics.ts';
import { physicalName } from '../template/physical-name.ts';
import { resourcesOf, type CfnResource } from '../template/template.ts';
import { handlingOf } from './registry.ts';
import type { ResourceOutputs } from './resource-provider.ts';

export interface ProvisionedResource extends ResourceOutputs {
  readonly type: string;
  readonly definition: CfnResource;
}

/** A stack whose resources exist on the endpoint, with intrinsics resolvable against them. */
export interface ProvisionedStack extends StackArtifact {
  /** The stack's resources by logical ID (those whose Condition holds), in creation order. */
  readonly resources: ReadonlyMap<string, ProvisionedResource>;
  /** Resolves intrinsics against the stack's resources; throws UnresolvableError. */
  resolve(value: unknown): unknown;
}

export interface ProvisionOptions {
  readonly aws: AwsClients;
  /** Where the local gateway serves HTTP APIs (an API's ApiEndpoint). */
  readonly gatewayUrl: string;
  readonly log: (line: string) => void;
}

/**
 * Creates the stack's resources on the AWS endpoint through the SDK, in dependency order, each by
 * the module registered for its type. Types with nothing to emulate only get a name; unknown types
 * get one warning line each.
 */
export async function provisionStack(stack: StackArtifact, options: ProvisionOptions): Promise<ProvisionedStack> {
  const resources = new Map<string, ProvisionedResource>();
  const scope: ResolutionScope = {
    template: stack.template,
    pseudo: {
      region: options.aws.target.region,
      accountId: options.aws.target.accountId,
      partition: 'aws',
      urlSuffix: 'amazonaws.com',
      stackName: stack.stackName,
    },
    ref: (logicalId) => outputsOf(logicalId).physicalId,
    getAtt: (logicalId, attribute) => {
      const value = outputsOf(logicalId).attributes[attribute];
      if (value === undefined) throw new UnresolvableError(`Fn::GetAtt ${logicalId}.${attribute}: the local ${resources.get(logicalId)?.type} has no such attribute`);
      return value;
    },
  };
  const outputsOf = (logicalId: string) => {
    const resource = resources.get(logicalId);
    if (!resource) throw new UnresolvableError(`${logicalId} is not a resource of stack ${stack.stackName} (or its Condition is false)`);
    return resource;
  };

  const active = new Map(resourcesOf(stack.template).filter(([, resource]) => !resource.Condition || evaluateCondition(resource.Condition, scope)));
  const unknown = new Map<string, string[]>();
  for (const logicalId of dependencyOrder(active)) {
    const definition = active.get(logicalId)!;
    const handling = handlingOf(definition.Type);
    let outputs: ResourceOutputs = { physicalId: physicalName(stack.stackName, logicalId, { maxLength: 255 }), attributes: {} };
    if (handling.kind === 'provision') {
      try {
        outputs = await handling.provider.provision({
          stackName: stack.stackName,
          logicalId,
          aws: options.aws,
          gatewayUrl: options.gatewayUrl,
          property: (name) => resolveValue(definition.Properties?.[name], scope),
        });
      } catch (error) {
        throw new Error(`cannot create ${logicalId} (${definition.Type}) of stack ${stack.stackName}: ${(error as Error).message}`, { cause: error });
      }
    } else if (handling.kind === 'unknown') {
      unknown.set(definition.Type, [...(unknown.get(definition.Type) ?? []), logicalId]);
    }
    resources.set(logicalId, { ...outputs, type: definition.Type, definition });
  }
  for (const [type, logicalIds] of unknown) options.log(`warning: ${type} is not emulated locally; skipped ${logicalIds.join(', ')}`);

  return { ...stack, resources, resolve: (value) => resolveValue(value, scope) };
}
