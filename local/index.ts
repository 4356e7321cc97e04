/** `postroom/local`: the local runtime as a library, for integration tests (yours, the repo's) and the benchmark; `main.ts` is the repo's CLI. */
export { synthesize, type SynthesisOptions } from './assembly/synthesize.ts';
export { readAssembly, type StackArtifact } from './assembly/read-assembly.ts';
export { AwsClients } from './aws/aws-clients.ts';
export { clientConfig, connectAws, type AwsTarget } from './aws/aws-target.ts';
export { startMotoServer, type MotoServerOptions, type RunningEmulator } from './emulator/moto-server.ts';
export { startLocalStack, type LocalStackOptions } from './emulator/localstack-server.ts';
export { startEmulators, type EmulatorProfile, type RunningEmulators } from './emulator/emulator-profile.ts';
export { provisionStack, type ProvisionedStack, type ProvisionOptions } from './resources/provision-stack.ts';
export { provisionApp, type ProvisionedApp } from './provision-app.ts';
export type { FunctionDefinition } from './lambda/function-definition.ts';
export { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from './runtime.ts';
export type { InvocationResult, LocalFunction } from './lambda/local-function.ts';
