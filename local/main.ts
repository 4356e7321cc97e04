/**
 * `npm start`: synthesizes the CDK app (cdk.json) into .postroom/runs/<pid>, starts moto (or with
 * `-- --emulator localstack` / POSTROOM_EMULATOR=localstack, LocalStack's core beside moto; neither
 * when AWS_ENDPOINT_URL names a running emulator) and runs the app locally on
 * http://127.0.0.1:${PORT:-4000}. SIGINT (Ctrl-C), SIGTERM or SIGHUP stops everything it started.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole } from '../console/build.ts';
import { parseArgs } from 'node:util';
import { synthesize } from './assembly/synthesize.ts';
import { serviceEndpointsOf } from './aws/aws-target.ts';
import { EMULATOR_PROFILES, isEmulatorProfile, startEmulators, type RunningEmulators } from './emulator/emulator-profile.ts';
import { assertPortFree } from './http/gateway-server.ts';
import { parseSigV4Key } from './http/sigv4-verification.ts';
import { LiveSummary, readQueueTotals, SUMMARY_OVERVIEW_PATH } from './live-summary.ts';
import { startLocalRuntime, type LocalRuntime } from './runtime.ts';

const projectRoot = join(import.meta.dirname, '..');
const host = '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);
const requestLog = process.env.POSTROOM_REQUEST_LOG !== '0';
/** `<accessKeyId>:<secretAccessKey>`: answer only requests signed with that key (SigV4), as IAM authorization would. */
const sigV4Verify = process.env.POSTROOM_SIGV4_VERIFY;
/** Lambda's application log levels (a function's LoggingConfig), which set AWS_LAMBDA_LOG_LEVEL. */
const logLevels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const logLevel = process.env.LOG_LEVEL?.toUpperCase();
/** Where the functions' EMF records go instead of the terminal. */
const metricsLog = join(projectRoot, '.postroom', 'metrics.log');
/** Every line the functions log; the terminal shows the warnings and errors among them unless LOG_LEVEL asks for more. */
const functionsLog = join(projectRoot, '.postroom', 'functions.log');
/** How often the live summary (on a terminal only) reads the queues' counts. */
const SUMMARY_INTERVAL_MS = 5_000;

// Each run synthesizes into a directory of its own, named for its process: the CDK CLI refuses two
// syntheses into one, and two `npm start`s on different ports may run at once. A run ended by
// SIGKILL cannot remove its own, so each run removes those of processes that are gone.
const runsDir = join(projectRoot, '.postroom', 'runs');
const assemblyDir = join(runsDir, String(process.pid));
removeGoneRuns();
const startup = new AbortController();
let emulators: RunningEmulators | undefined;
let runtime: LocalRuntime | undefined;
let stopping: { readonly signal: string; readonly at: number } | undefined;

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  if (logLevel && !logLevels.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${process.env.LOG_LEVEL}"`);
  // The emulators to start: `npm start -- --emulator localstack`, else POSTROOM_EMULATOR, else moto.
  const emulatorProfile = parseArgs({ options: { emulator: { type: 'string' } } }).values.emulator ?? process.env.POSTROOM_EMULATOR ?? 'moto';
  if (!isEmulatorProfile(emulatorProfile)) throw new Error(`--emulator (or POSTROOM_EMULATOR) must be one of ${EMULATOR_PROFILES.join(', ')}, got "${emulatorProfile}"`);
  const sigV4Key = sigV4Verify ? parseSigV4Key(sigV4Verify) : undefined;
  await assertPortFree(host, port);
  console.error('Synthesizing the CDK app...');
  mkdirSync(join(projectRoot, '.postroom'), { recursive: true });
  // The console's bundle takes esbuild well under a second, beside the synthesis.
  const [consoleFiles] = await Promise.all([buildConsole(), synthesize({ outDir: assemblyDir, cwd: projectRoot, signal: startup.signal })]);
  // An emulator already running (e.g. LocalStack in Docker) is used as it is.
  if (!process.env.AWS_ENDPOINT_URL) emulators = await startEmulators(emulatorProfile, { stateDir: join(projectRoot, '.postroom', 'localstack', String(process.pid)) });
  const endpoint = process.env.AWS_ENDPOINT_URL ?? emulators!.endpoint;
  // The environment's own AWS_ENDPOINT_URL_<SERVICE> win over the profile's, as they would in the SDK.
  const serviceEndpoints = { ...emulators?.serviceEndpoints, ...serviceEndpointsOf() };
  const summary = process.stdout.isTTY ? new LiveSummary(process.stdout) : undefined;
  const functionLines = createWriteStream(functionsLog, { flags: 'a' });
  let requests = 0;
  runtime = await startLocalRuntime({
    assemblyDir,
    endpoint,
    serviceEndpoints,
    host,
    port,
    requestLog: (line: string) => {
      if (line.startsWith(`GET ${SUMMARY_OVERVIEW_PATH}`)) return; // the summary's own reading
      requests++;
      if (!requestLog) return;
      if (summary) summary.log(line);
      else console.log(line);
    },
    ...(logLevel && { functionLogLevel: logLevel }),
    ...(sigV4Key && { sigV4Key }),
    metricsLog,
    functionOutput: (line: string) => {
      functionLines.write(`${line}\n`);
      if (logLevel || !isRoutineLogLine(line)) summary ? summary.log(line) : console.log(line);
    },
    console: consoleFiles,
  });
  console.log(`Postroom is running on ${runtime.url} (AWS endpoint: ${endpoint}${emulators ? `, ${emulators.description}` : ''}); metrics: ${runtime.url}/v1/metrics, EMF records in ${metricsLog}`);
  console.log(`Console: ${runtime.url}/console`);
  if (summary) startSummary(summary, runtime.url, () => requests);
}

/** A structured log line below WARN (Powertools' JSON), such as the API's line per request and per delivery. */
function isRoutineLogLine(line: string): boolean {
  const level = /^\{"level":"(\w+)"/.exec(line)?.[1];
  return level === 'INFO' || level === 'DEBUG' || level === 'TRACE';
}

/** Redraws the summary line every few seconds: the request rate since the last reading, and the queues' counts. */
function startSummary(summary: LiveSummary, url: string, requestCount: () => number): void {
  let last = { at: performance.now(), requests: requestCount() };
  let reading = false;
  const timer = setInterval(() => {
    if (reading) return; // a slow emulator: one reading at a time
    reading = true;
    void readQueueTotals(url)
      .then(
        (totals) => {
          const now = { at: performance.now(), requests: requestCount() };
          summary.show({ requestsPerSecond: ((now.requests - last.requests) * 1000) / (now.at - last.at), ...totals });
          last = now;
        },
        () => undefined, // stopping, or the emulator is busy: the next reading tries again
      )
      .finally(() => (reading = false));
  }, SUMMARY_INTERVAL_MS);
  timer.unref();
  process.once('exit', () => summary.clear());
}

/**
 * The first stop signal shuts down in order; another one during that exits at once (moto still
 * dies with this process: see moto-server.ts). A terminal's Ctrl-C reaches npm and this process,
 * and npm relays it here too, so the same signal right after the first is that copy, not a second.
 */
function stop(signal: string): void {
  if (!stopping) {
    stopping = { signal, at: Date.now() };
    void shutdown(0);
  } else if (signal !== stopping.signal || Date.now() - stopping.at > 1000) {
    console.error(`postroom: ${signal} during shutdown: exiting now`);
    process.exit(1);
  }
}

async function shutdown(code: number): Promise<never> {
  startup.abort();
  try {
    await runtime?.stop();
    await emulators?.stop();
  } finally {
    rmSync(assemblyDir, { recursive: true, force: true });
  }
  process.exit(code);
}

function removeGoneRuns(): void {
  for (const entry of existsSync(runsDir) ? readdirSync(runsDir) : []) {
    try {
      process.kill(Number(entry), 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(runsDir, entry), { recursive: true, force: true });
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
// npm relays only SIGINT and SIGTERM to the script it runs: a SIGHUP or SIGKILL ends npm alone and
// would leave this process running. So under npm, stop when npm is gone (this process is reparented).
if (process.env.npm_lifecycle_event) {
  const npm = process.ppid;
  setInterval(() => {
    if (process.ppid !== npm) stop('the end of npm');
  }, 250).unref();
}

main().catch((error: Error) => {
  if (stopping) return; // a signal during start-up: the shutdown under way reports nothing more
  console.error(`postroom: ${error.message}`);
  stopping = { signal: 'error', at: Date.now() };
  void shutdown(1);
});
