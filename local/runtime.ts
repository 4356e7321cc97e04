import { join } from 'node:path';
import { readAssembly, type StackArtifact } from './assembly/read-assembly.ts';
import { AwsClients } from './aws/aws-clients.ts';
import { connectAws } from './aws/aws-target.ts';
import type { RunningEventSource } from './event-sources/event-source-type.ts';
import { startEventSources } from './event-sources/registry.ts';
import { readConsoleFiles, type ConsoleFiles } from './http/console-assets.ts';
import { startGateway } from './http/gateway-server.ts';
import type { SigV4Key } from './http/sigv4-verification.ts';
import { httpApisOf, type HttpApi } from './http/http-api.ts';
import { startInvokeServer } from './lambda/invoke-server.ts';
import { LocalFunction } from './lambda/local-function.ts';
import { EmfCollector } from './metrics/emf-collector.ts';
import { provisionApp } from './provision-app.ts';
import { provisionCustomResources } from './resources/custom-resources.ts';
import type { ProvisionedStack } from './resources/provision-stack.ts';
import { startSchedules, type RunningSchedules } from './schedules/scheduler.ts';

/** The route whose answers get the aggregated counters and histograms appended. */
const METRICS_ROUTE_KEY = 'GET /v1/metrics';

export interface LocalRuntimeOptions {
  /** A synthesized cloud assembly (`cdk synth` output). */
  readonly assemblyDir: string;
  /** The AWS endpoint every SDK client uses: moto, or LocalStack. */
  readonly endpoint: string;
  /**
   * Endpoints of single services that take precedence over `endpoint`, keyed by the SDK's variable
   * name, e.g. `{ AWS_ENDPOINT_URL_DYNAMODB: moto.endpoint }`; the runtime's functions get them too.
   *
   * @default - the AWS_ENDPOINT_URL_<SERVICE> variables of this process's environment
   */
  readonly serviceEndpoints?: Readonly<Record<string, string>>;
  /** Names of the stacks to run (as `cdk deploy` takes them); all of the assembly's by default. */
  readonly stacks?: readonly string[];
  /** Where the HTTP API is served; 0 picks a free port. Default 4000. */
  readonly port?: number;
  readonly host?: string;
  readonly region?: string;
  /** Progress and warning lines; stderr by default. */
  readonly log?: (line: string) => void;
  /** Gets one line per HTTP request (`POST /v1/queues/orders/messages 202 14ms`); none by default. */
  readonly requestLog?: (line: string) => void;
  /** Refuse (403) every HTTP request not signed (SigV4, execute-api) with this key; none by default. */
  readonly sigV4Key?: SigV4Key;
  /**
   * Every function's application log level (TRACE…FATAL), as a function's Lambda logging
   * configuration sets it: `AWS_LAMBDA_LOG_LEVEL`, which Powertools Logger honours first.
   */
  readonly functionLogLevel?: string;
  /**
   * The file the functions' embedded metric format records are appended to (they never reach the
   * terminal); none by default. Either way they are aggregated, and `GET /v1/metrics` answers with
   * the counters and histograms since the start appended.
   */
  readonly metricsLog?: string;
  /** Gets every other line the functions print to stdout (their logs); this process's stdout by default. */
  readonly functionOutput?: (line: string) => void;
  /**
   * The web console served at /console: its files (`npm start` builds them at start), or false for
   * none. By default the package's prebuilt dist/console, when there is one.
   */
  readonly console?: ConsoleFiles | false;
}

/** dist/console beside dist/local of the installed package; in the repo, console/ holds no build. */
const builtConsoleDir = join(import.meta.dirname, '..', 'console');

export interface LocalRuntime {
  /** The HTTP API's base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly endpoint: string;
  readonly stacks: readonly ProvisionedStack[];
  /** The functions that run locally, by function name. */
  readonly functions: ReadonlyMap<string, LocalFunction>;
  /** The functions' metrics, aggregated from their EMF records since the start. */
  readonly metrics: EmfCollector;
  /** Stops the HTTP server, the pollers and the function sandboxes (not the emulator). */
  stop(): Promise<void>;
}

/**
 * Runs a synthesized CDK app locally against an AWS endpoint: creates its tables and queues there,
 * runs its Lambda functions from their bundled assets in worker threads, serves its HTTP API,
 * polls its event sources and runs its scheduled rules. Everything is derived from the cloud assembly.
 *
 * @example
 * await synthesize({ outDir: 'cdk.out' });
 * const moto = await startMotoServer();
 * const runtime = await startLocalRuntime({ assemblyDir: 'cdk.out', endpoint: moto.endpoint, port: 0 });
 * await fetch(`${runtime.url}/v1/queues`);
 * await runtime.stop();
 * await moto.stop();
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.error(line));
  const artifacts = selectStacks(readAssembly(options.assemblyDir), options.stacks);
  const metrics = new EmfCollector({ logFile: options.metricsLog });
  const gateway = await startGateway({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    requestLog: options.requestLog,
    sigV4Key: options.sigV4Key,
    appendToRoute: { routeKey: METRICS_ROUTE_KEY, text: () => metrics.exposition() },
    console: options.console === undefined ? readConsoleFiles(builtConsoleDir) : options.console || undefined,
  });
  const functionOutput = options.functionOutput ?? ((line: string) => process.stdout.write(`${line}\n`));
  const output = (line: string) => metrics.accept(line) || functionOutput(line);
  let aws: AwsClients | undefined;
  const functions = new Map<string, LocalFunction>();
  // Lambda Invoke of local functions, for functions that call others through the SDK.
  const invokeServer = await startInvokeServer(functions, options.host ?? '127.0.0.1');
  let sources: RunningEventSource[] = [];
  let schedules: RunningSchedules | undefined;
  const stop = async () => {
    await Promise.all([gateway.close(), invokeServer.close()]);
    const pollersStopped = Promise.all([...sources.map((source) => source.stop()), schedules?.stop()]);
    await Promise.all([...functions.values()].map((fn) => fn.stop()));
    await pollersStopped;
    aws?.destroy();
    await metrics.close();
  };

  try {
    aws = new AwsClients(await connectAws(options.endpoint, options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1', options.serviceEndpoints));
    const { stacks, functions: definitions } = await provisionApp(artifacts, { aws, gatewayUrl: gateway.url, log });
    for (const definition of definitions) {
      functions.set(definition.name, new LocalFunction(definition, { ...aws.target, lambdaEndpoint: invokeServer.url }, log, options.functionLogLevel, output));
    }
    // Post-function resources: custom resources need their ServiceToken functions running.
    await provisionCustomResources(stacks, functions, { host: options.host ?? '127.0.0.1', ...aws.target });
    const apis = stacks.flatMap((stack) => httpApisOf(stack, functions, log));
    if (apis.length === 0) log('warning: the app has no HTTP API; every request gets 404');
    if (apis.length > 1) log(`warning: the app has ${apis.length} HTTP APIs; serving only ${apis[0]!.stackName}/${apis[0]!.logicalId}`);
    gateway.serve(apis[0] ?? noRoutes, aws.target.accountId);
    sources = startEventSources(stacks, functions, aws, log);
    schedules = startSchedules(stacks, functions, aws.target, log);
    return { url: gateway.url, endpoint: options.endpoint, stacks, functions, metrics, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function selectStacks(artifacts: StackArtifact[], names: readonly string[] | undefined): StackArtifact[] {
  if (!names) return artifacts;
  const missing = names.filter((name) => !artifacts.some((artifact) => artifact.stackName === name));
  if (missing.length > 0) throw new Error(`no stack named ${missing.join(', ')} in the app (it has ${artifacts.map((artifact) => artifact.stackName).join(', ')})`);
  return artifacts.filter((artifact) => names.includes(artifact.stackName));
}

const noRoutes: HttpApi = { stackName: '', logicalId: '', apiId: '', match: () => undefined };
