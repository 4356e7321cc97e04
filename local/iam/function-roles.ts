import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionDefinition } from '../lambda/function-definition.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';
import type { CfnResource } from '../template/template.ts';

/** One identity-policy statement, intrinsics resolved (as `iam:GetRolePolicy` would return it). */
export type PolicyStatement = Readonly<Record<string, unknown>>;

export interface RolePolicy {
  /** The AWS::IAM::Policy's logical ID, or `<role>.Policies[n]` for an inline one. */
  readonly name: string;
  readonly document: { readonly Version?: string; readonly Statement: readonly PolicyStatement[] };
  /** Statements left out because a value in them cannot be known locally, with the reason. */
  readonly unresolved: readonly string[];
}

/** A function's execution role as the template defines it: what the function may call on AWS. */
export interface FunctionRole {
  readonly stackName: string;
  readonly logicalId: string;
  readonly arn: string;
  /** The functions that run with this role, by logical ID. */
  readonly functions: readonly string[];
  readonly policies: readonly RolePolicy[];
  /** Managed policies attached by ARN (e.g. AWSLambdaBasicExecutionRole for logs), not resolved locally. */
  readonly managedPolicyArns: readonly string[];
}

/**
 * The execution roles of a stack's functions with their identity policies: the role's own
 * `Policies` and every AWS::IAM::Policy that names it in `Roles`, with intrinsics resolved
 * against the provisioned resources, i.e. the ARNs the functions' calls reach locally.
 */
export function functionRoles(stack: ProvisionedStack, functions: readonly FunctionDefinition[]): FunctionRole[] {
  const roles: FunctionRole[] = [];
  const ofStack = functions.filter((fn) => fn.stackName === stack.stackName && fn.roleArn);
  for (const [logicalId, resource] of stack.resources) {
    if (resource.type !== 'AWS::IAM::Role') continue;
    const arn = String(resource.attributes.Arn);
    const users = ofStack.filter((fn) => fn.roleArn === arn).map((fn) => fn.logicalId);
    if (users.length === 0) continue;
    const properties = resource.definition.Properties ?? {};
    const inline = ((properties.Policies ?? []) as Array<{ PolicyDocument: unknown }>).map((policy, index) => rolePolicy(stack, `${logicalId}.Policies[${index}]`, policy.PolicyDocument));
    const attached = [...stack.resources]
      .filter(([, candidate]) => candidate.type === 'AWS::IAM::Policy' && namesRole(candidate.definition, logicalId))
      .map(([policyId, policy]) => rolePolicy(stack, policyId, policy.definition.Properties?.PolicyDocument));
    const managedPolicyArns = ((stack.resolve(properties.ManagedPolicyArns) ?? []) as unknown[]).map(String);
    roles.push({ stackName: stack.stackName, logicalId, arn, functions: users, policies: [...inline, ...attached], managedPolicyArns });
  }
  return roles;
}

/**
 * Writes the stack's function roles to `<directory>/roles-<stack>-<hash>.json`: the record of what
 * each role allows, which IAM keeps on AWS and nothing keeps locally. The IAM proof of the test
 * suites reads it beside the emulator's log of the calls made with those roles. One file per
 * distinct record: a suite provisions a stack more than once (several runtimes, the soak's own
 * `npm start`), and a resource whose ARN the emulator generates (a DynamoDB stream's label) differs
 * between them, so the last provisioning must not stand for the calls of the earlier ones.
 */
export function writeFunctionRoles(directory: string, stackName: string, roles: readonly FunctionRole[]): void {
  const record = JSON.stringify(roles);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `roles-${stackName}-${createHash('sha256').update(record).digest('hex').slice(0, 12)}.json`), record);
}

function namesRole(policy: CfnResource, roleLogicalId: string): boolean {
  const roles = (policy.Properties?.Roles ?? []) as unknown[];
  return roles.some((role) => (role as { Ref?: string } | undefined)?.Ref === roleLogicalId);
}

function rolePolicy(stack: ProvisionedStack, name: string, document: unknown): RolePolicy {
  const { Version, Statement } = (document ?? {}) as { Version?: string; Statement?: unknown };
  const statements: PolicyStatement[] = [];
  const unresolved: string[] = [];
  for (const statement of [Statement ?? []].flat()) {
    try {
      statements.push(stack.resolve(statement) as PolicyStatement);
    } catch (error) {
      unresolved.push(`${JSON.stringify(statement)}: ${(error as Error).message}`);
    }
  }
  return { name, document: { Version, Statement: statements }, unresolved };
}
