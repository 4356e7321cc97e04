import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { CfnTemplate } from '../template/template.ts';

/** One stack of a synthesized cloud assembly. */
export interface StackArtifact {
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** The assembly directory the template's `aws:asset:path` metadata is relative to. */
  readonly directory: string;
}

/**
 * The stacks of a cloud assembly (`cdk synth` output), including those of nested assemblies
 * (stages), in deployment order. CDK's own reader parses and validates the manifest.
 */
export function readAssembly(directory: string): StackArtifact[] {
  const assembly = new CloudAssembly(directory);
  return assembly.stacksRecursively.map((stack) => ({
    stackName: stack.stackName,
    template: stack.template as CfnTemplate,
    directory: stack.assembly.directory,
  }));
}
