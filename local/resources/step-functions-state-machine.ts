import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  SFNClient,
  UpdateStateMachineCommand,
  type StateMachineType,
} from '@aws-sdk/client-sfn';
import { UnresolvableError } from '../template/intrinsics.ts';
import { physicalName } from '../template/physical-name.ts';
import type { ResourceContext, ResourceProvider } from './resource-provider.ts';

/**
 * AWS::StepFunctions::StateMachine, created on the emulator so that its interpreter runs the
 * executions (moto does once its `execute_state_machine` switch is on, see emulator/moto-server.ts).
 * Logging, tracing and encryption configuration are left out: their log groups and keys are not
 * emulated, and executions do not depend on them.
 */
export const stepFunctionsStateMachine: ResourceProvider = {
  type: 'AWS::StepFunctions::StateMachine',
  async provision(resource) {
    const name = (resource.property('StateMachineName') as string | undefined) ?? physicalName(resource.stackName, resource.logicalId, { maxLength: 80 });
    const { region, accountId } = resource.aws.target;
    const arn = `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
    const desired = {
      definition: definitionOf(resource),
      roleArn: roleArnOf(resource),
      type: resource.property('StateMachineType') as StateMachineType | undefined,
    };
    await createOrUpdate(resource.aws.get(SFNClient), arn, name, desired);
    // Ref of a state machine is its ARN.
    return { physicalId: arn, attributes: { Arn: arn, Name: name } };
  },
};

interface DesiredStateMachine {
  readonly definition: string;
  readonly roleArn: string;
  readonly type: StateMachineType | undefined;
}

/**
 * Looks the machine up first rather than relying on CreateStateMachine's answer for a name that
 * exists: AWS refuses a changed definition with StateMachineAlreadyExists, while moto silently
 * returns the old machine unchanged. Either way a changed definition is brought up to date.
 */
async function createOrUpdate(client: SFNClient, arn: string, name: string, desired: DesiredStateMachine): Promise<void> {
  try {
    const existing = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    if (existing.definition !== desired.definition || existing.roleArn !== desired.roleArn) {
      await client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: desired.definition, roleArn: desired.roleArn }));
    }
  } catch (error) {
    if ((error as Error).name !== 'StateMachineDoesNotExist') throw error;
    await client.send(new CreateStateMachineCommand({ name, ...desired }));
  }
}

/**
 * The definition as the API takes it: DefinitionString (CDK's Fn::Join, already resolved) or the
 * Definition object, with each `${key}` of DefinitionSubstitutions replaced as CloudFormation does.
 */
function definitionOf(resource: ResourceContext): string {
  const text = resource.property('DefinitionString') ?? jsonOf(resource.property('Definition'));
  if (typeof text !== 'string') {
    const where = resource.property('DefinitionS3Location') === undefined ? 'no DefinitionString or Definition' : 'DefinitionS3Location is not supported locally';
    throw new Error(`state machine ${resource.logicalId}: ${where}`);
  }
  const substitutions = (resource.property('DefinitionSubstitutions') ?? {}) as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (placeholder, key: string) => (Object.hasOwn(substitutions, key) ? String(substitutions[key]) : placeholder));
}

/**
 * CDK passes the role as `Fn::GetAtt Role.Arn`, which cannot resolve: IAM roles are not emulated
 * (nor enforced), so a well-formed ARN named after the state machine stands in for it.
 */
function roleArnOf(resource: ResourceContext): string {
  try {
    return resource.property('RoleArn') as string;
  } catch (error) {
    if (!(error instanceof UnresolvableError)) throw error;
    return `arn:aws:iam::${resource.aws.target.accountId}:role/${physicalName(resource.stackName, `${resource.logicalId}Role`, { maxLength: 64 })}`;
  }
}

function jsonOf(definition: unknown): string | undefined {
  return definition === undefined ? undefined : JSON.stringify(definition);
}
