import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { FunctionRole } from '../../../local/iam/function-roles.ts';
import { permissionsFor, type Permission, type RecordedCall } from './call-permissions.ts';

/** A call the role's policies would not allow on AWS. */
export interface Denial {
  readonly role: FunctionRole;
  readonly call: RecordedCall;
  readonly permission: Permission;
}

/** Actions a role's statement grants that no call needed, in any stack provisioned with that role. */
export interface UnusedGrant {
  /** e.g. `ApiFunctionServiceRole (ApiFunction)`. */
  readonly role: string;
  /** The policy's name and the statement's Sid or 1-based position. */
  readonly statement: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

export interface IamProof {
  /** Distinct (role, action, resource) the calls needed. */
  readonly checked: number;
  readonly calls: number;
  readonly denials: readonly Denial[];
  readonly unused: readonly UnusedGrant[];
  /** Calls that could not be checked: an unknown caller, action or resource. */
  readonly errors: readonly string[];
}

/**
 * Checks every call recorded in an IAM log directory (`calls.jsonl` from the emulator,
 * `roles-<stack>-<hash>.json` from the local runtime) against the caller's role policies with AWS's
 * policy logic (iam-simulate), and lists what the policies grant that no call used.
 */
export async function proveCalls(directory: string, target: { readonly region: string } = { region: 'us-east-1' }): Promise<IamProof> {
  const roles = readRoles(directory);
  const errors: string[] = [];
  // One simulation per (role, action, resource): the first call that needed it stands for the rest.
  const needed = new Map<string, { role: FunctionRole; call: RecordedCall; permission: Permission }>();
  let calls = 0;
  const log = join(directory, 'calls.jsonl');
  const lines = existsSync(log) ? createInterface({ input: createReadStream(log), crlfDelay: Infinity }) : [];
  const seen = new Set<string>();
  for await (const line of lines) {
    calls++;
    if (seen.has(line)) continue;
    seen.add(line);
    const call = JSON.parse(line) as RecordedCall;
    const role = roles.get(call.role);
    if (!role) {
      errors.push(`${call.session} called ${call.service} ${call.operation} with role ${call.role}, whose policies no roles-*.json holds`);
      continue;
    }
    try {
      for (const permission of await permissionsFor(call, { region: target.region, account: call.role.split(':')[4]! })) {
        const key = `${call.role} ${permission.action} ${permission.resource}`;
        if (!needed.has(key)) needed.set(key, { role, call, permission });
      }
    } catch (error) {
      errors.push(`${call.session}: ${call.service} ${call.operation}: ${(error as Error).message}`);
    }
  }

  const denials: Denial[] = [];
  const used = new Set<string>();
  for (const { role, call, permission } of needed.values()) {
    const result = await runSimulation(
      {
        request: { principal: role.arn, action: permission.action, resource: { resource: permission.resource, accountId: role.arn.split(':')[4]! }, contextVariables: {} },
        identityPolicies: role.policies.map((policy) => ({ name: policy.name, policy: policy.document })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') {
      errors.push(`${call.session}: ${permission.action} on ${permission.resource}: the simulator refused the request: ${JSON.stringify(result.errors)}`);
      continue;
    }
    if (result.overallResult !== 'Allowed') {
      denials.push({ role, call, permission });
      continue;
    }
    const analysis = result.resultType === 'single' ? result.result.analysis : undefined;
    for (const statement of analysis?.identityAnalysis?.allowStatements ?? []) used.add(`${roleKey(role)} ${statement.policyId} ${statement.explain.identifier} ${permission.action}`);
  }
  return { checked: needed.size, calls, denials, unused: unusedGrants(roles, used), errors };
}

/**
 * The roles of every stack provisioned with the log directory, by ARN. A role provisioned more than
 * once (several runtimes of one stack) holds the policies of every provisioning: they differ only
 * in ARNs the emulator generated, and a call was made under one of them.
 */
function readRoles(directory: string): Map<string, FunctionRole> {
  const roles = new Map<string, FunctionRole>();
  const files = existsSync(directory) ? readdirSync(directory).filter((name) => /^roles-.+\.json$/.test(name)) : [];
  for (const file of files) {
    for (const role of JSON.parse(readFileSync(join(directory, file), 'utf8')) as FunctionRole[]) {
      const known = roles.get(role.arn);
      const policies = new Map([...(known?.policies ?? []), ...role.policies].map((policy) => [JSON.stringify(policy), policy]));
      roles.set(role.arn, { ...role, functions: [...new Set([...(known?.functions ?? []), ...role.functions])], policies: [...policies.values()] });
    }
  }
  return roles;
}

/** A role across the stacks provisioned from one template: its logical ID and its functions'. */
const roleKey = (role: FunctionRole) => `${role.logicalId} (${role.functions.join(', ')})`;

function unusedGrants(roles: ReadonlyMap<string, FunctionRole>, used: ReadonlySet<string>): UnusedGrant[] {
  const unused = new Map<string, UnusedGrant>();
  for (const role of roles.values()) {
    for (const policy of role.policies) {
      policy.document.Statement.forEach((statement, index) => {
        if (statement.Effect !== 'Allow') return;
        const identifier = typeof statement.Sid === 'string' ? statement.Sid : String(index + 1);
        const actions = [statement.Action ?? []].flat() as string[];
        const key = `${roleKey(role)} ${policy.name} ${identifier}`;
        const idle = actions.filter((action) => !used.has(`${key} ${action}`) && ![...used].some((entry) => entry.startsWith(`${key} `) && matches(action, entry.slice(key.length + 1))));
        const known = unused.get(key);
        // Unused only where no stack of this template used it.
        const stillIdle = known ? known.actions.filter((action) => idle.includes(action)) : idle;
        const resources = [statement.Resource ?? []].flat().map(String);
        unused.set(key, { role: roleKey(role), statement: `${policy.name} #${identifier}`, actions: stillIdle, resources: known?.resources ?? resources });
      });
    }
  }
  return [...unused.values()].filter((grant) => grant.actions.length > 0);
}

/** IAM's action matching: case-insensitive, `*` any run of characters, `?` one. */
function matches(pattern: string, action: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${expression}$`, 'i').test(action);
}

/** The proof as lines to print: each denial with the call and the statement that is missing, then the unused grants. */
export function describeProof(proof: IamProof): string {
  const lines = [`IAM proof: ${proof.calls} AWS calls by functions, ${proof.checked} distinct (role, action, resource) checked against the roles' policies.`];
  for (const { role, call, permission } of proof.denials) {
    const missing = { Effect: 'Allow', Action: permission.action, Resource: permission.resource };
    lines.push(
      `DENIED: function ${role.functions.join('/')} (${call.session}) called ${call.service} ${call.operation} ${JSON.stringify(call.parameters).slice(0, 300)}`,
      `  it needs ${permission.action} on ${permission.resource}, which no statement of role ${role.logicalId} (${role.policies.map((policy) => policy.name).join(', ')}) allows`,
      `  missing statement: ${JSON.stringify(missing)}`,
    );
  }
  for (const error of proof.errors) lines.push(`UNCHECKED: ${error}`);
  if (proof.unused.length > 0) lines.push('Granted, and used by no call in this run:');
  for (const grant of proof.unused) lines.push(`  ${grant.role} ${grant.statement}: ${grant.actions.join(', ')} on ${grant.resources.join(', ')}`);
  return lines.join('\n');
}
