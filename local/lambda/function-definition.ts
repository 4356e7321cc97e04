import { join } from 'node:path';
import type { AwsCredentials } from '../aws/aws-target.ts';
import type { ProvisionedStack } from '../resources/provision-stack.ts';

/** What the local runtime needs to run one AWS::Lambda::Function, all intrinsics resolved. */
export interface FunctionDefinition {
  readonly stackName: string;
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly runtime: string;
  readonly handler: string;
  /** The bundled asset directory in the cloud assembly: the same code that deploys. */
  readonly codeDirectory: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  /** The execution role's ARN; undefined when the template's `Role` cannot be resolved locally. */
  readonly roleArn?: string;
  /** A session of the role (sts:AssumeRole), as Lambda gives each function; else the emulator's dummy keys. */
  readonly credentials?: AwsCredentials;
}

/**
 * The stack's Node.js functions. A function that cannot run locally (another runtime, a container
 * image, no asset) is left out with a warning; so is an environment variable whose value cannot
 * be known locally (e.g. an attribute of a resource that is not emulated).
 */
export function functionDefinitions(stack: ProvisionedStack, log: (line: string) => void): FunctionDefinition[] {
  const definitions: FunctionDefinition[] = [];
  for (const [logicalId, resource] of stack.resources) {
    if (resource.type !== 'AWS::Lambda::Function') continue;
    const properties = resource.definition.Properties ?? {};
    const runtime = String(stack.resolve(properties.Runtime) ?? '');
    const assetPath = resource.definition.Metadata?.['aws:asset:path'];
    const skip = (reason: string) => log(`warning: function ${logicalId} cannot run locally (${reason}); skipped`);
    if (!runtime.startsWith('nodejs')) {
      skip(`runtime ${runtime || properties.PackageType || 'unknown'}`);
      continue;
    }
    if (typeof assetPath !== 'string') {
      skip('no aws:asset:path metadata: synthesize with the CDK CLI');
      continue;
    }
    if (properties.Layers) log(`warning: function ${logicalId} has layers, which are not available locally`);
    definitions.push({
      stackName: stack.stackName,
      logicalId,
      name: resource.physicalId,
      arn: String(resource.attributes.Arn),
      runtime,
      handler: String(stack.resolve(properties.Handler)),
      codeDirectory: join(stack.directory, assetPath),
      timeoutSeconds: Number(stack.resolve(properties.Timeout) ?? 3),
      memorySize: Number(stack.resolve(properties.MemorySize) ?? 128),
      environment: resolveEnvironment(stack, logicalId, (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables, log),
      roleArn: roleArn(stack, properties.Role),
    });
  }
  return definitions;
}

function resolveEnvironment(stack: ProvisionedStack, logicalId: string, variables: Record<string, unknown> | undefined, log: (line: string) => void): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables ?? {})) {
    try {
      environment[name] = String(stack.resolve(value));
    } catch (error) {
      log(`warning: function ${logicalId}: environment variable ${name} left unset: ${(error as Error).message}`);
    }
  }
  return environment;
}

function roleArn(stack: ProvisionedStack, role: unknown): string | undefined {
  try {
    const arn = stack.resolve(role);
    return typeof arn === 'string' && arn.startsWith('arn:') ? arn : undefined;
  } catch {
    return undefined; // e.g. a role imported by a value the template does not hold
  }
}
