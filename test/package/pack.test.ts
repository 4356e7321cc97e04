/**
 * Postroom as users get it: `npm run build`, `npm pack`, and the example app (examples/cdk-app)
 * installed from the tarball alone in a fresh folder, its functions type-checked and bundled against
 * the package's exports, its stack synthesized in a plain `node` process and run by postroom/local.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouteGrants, routeResourcePath } from '../../lib/constructs/route-grants.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'cdk-app');

const work = mkdtempSync(join(tmpdir(), 'postroom-pack-'));
const app = join(work, 'app');
const cache = join(work, 'cache');
/** The children's environment: none of the `npm test` run's npm settings; a cache folder of their own, where a virtualenv would show. */
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && name !== 'INIT_CWD' && name !== 'POSTROOM_SKIP_EMULATOR_SETUP')),
  XDG_CACHE_HOME: cache,
  // The example bundles its functions with esbuild: the repo's serves, as a global install would.
  PATH: `${process.env.PATH}${delimiter}${join(root, 'node_modules', '.bin')}`,
};
const inDir = (cwd: string) => ({ cwd, env, maxBuffer: 64 * 1024 * 1024 });

let packedFiles: string[];
let template: { Resources: Record<string, { Type: string; Properties: any }> };

beforeAll(async () => {
  await run('npm', ['run', 'build'], inDir(root));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], inDir(root));
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = packed.files.map(({ path }) => path);

  cpSync(example, app, { recursive: true, filter: (source) => !/[/\\](node_modules|cdk\.out)$/.test(source) });
  const { dependencies, devDependencies } = JSON.parse(readFileSync(join(example, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'sample', private: true, type: 'module' }));
  const versions = { ...dependencies, ...devDependencies };
  const cdk = ['aws-cdk-lib', 'constructs', 'aws-cdk'].map((name) => `${name}@${versions[name]}`);
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename), ...cdk], inDir(app));
  // npm 11 runs a dependency's install scripts only once the app allows them: run Postroom's as npm would.
  await run(process.execPath, ['scripts/setup-emulator.mjs'], { ...inDir(join(app, 'node_modules', 'postroom')), env: { ...env, INIT_CWD: app } });

  await run(process.execPath, ['app.mjs'], { ...inDir(app), env: { ...env, CDK_OUTDIR: join(app, 'cdk.out') } });
  template = JSON.parse(readFileSync(join(app, 'cdk.out', 'Shop.template.json'), 'utf8'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const resourcesOf = (type: string) => Object.values(template.Resources).filter((resource) => resource.Type === type);

describe('Package: the tarball', () => {
  it('holds the compiled entry points, the prebuilt function bundles, the built console and the emulator, and no tests, bench or virtualenv', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'dist/lib/index.js',
        'dist/lib/index.d.ts',
        'dist/client/index.js',
        'dist/client/index.d.ts',
        'dist/functions/consumer/index.js',
        'dist/functions/consumer/index.d.ts',
        'dist/local/index.js',
        'dist/local/lambda/worker.js',
        'dist/cli/main.js',
        'cli/postroom.mjs',
        'dist/assets/api/index.mjs',
        'dist/assets/topology-resource/index.mjs',
        'dist/console/index.html',
        'dist/console/console.js',
        'dist/console/console.css',
        'emulator/moto_server.py',
        'emulator/requirements.txt',
        'emulator/localstack_server.py',
        'emulator/localstack-requirements.txt',
      ]),
    );
    expect(packedFiles.filter((path) => /^(test|bench|examples|node_modules|\.venv|\.venv-localstack|lib|functions|local|console)\//.test(path) || path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs into an app without creating a virtualenv', () => {
    // Where the emulator's virtualenv went before (the package's .venv) and where the local runtime would put it.
    const places = [join(app, 'node_modules', 'postroom', '.venv'), join(app, '.venv'), join(cache, 'postroom')];
    expect(places.filter((place) => existsSync(place))).toEqual([]);
  });
});

describe('Package: an app built on it', () => {
  it('imports postroom/cdk, postroom/client, postroom/consumer and postroom/local through the exports map', async () => {
    const script = "for (const entry of ['cdk', 'client', 'consumer', 'local']) console.log(entry, Object.keys(await import(`postroom/${entry}`)).sort().join(' '));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], inDir(app));
    const exported = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(' ')).map(([entry, ...names]) => [entry, names]));

    expect(exported.cdk).toEqual(expect.arrayContaining(['Postroom', 'PostroomStack', 'PostroomQueue', 'PostroomExchange', 'PostroomBinding', 'PostroomStream', 'Saga', 'SagaTarget', 'StreamConsumer', 'RouteGrants']));
    expect(exported.client).toEqual(expect.arrayContaining(['PostroomClient', 'PostroomError']));
    expect(exported.consumer).toEqual(expect.arrayContaining(['postroomSqsConsumer', 'postroomStreamConsumer', 'sagaWorker', 'answerLater']));
    expect(exported.local).toEqual(expect.arrayContaining(['synthesize', 'startLocalRuntime', 'startMotoServer']));
  });

  it('runs the postroom bin, compiled, as npx finds it in the app', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const { stdout: printed } = await run('npx', ['--no-install', 'postroom', '--version'], inDir(app));
    const { stdout: help } = await run('npx', ['--no-install', 'postroom', 'queues', '--help'], inDir(app));

    expect(printed.trim()).toBe(version);
    expect(help).toMatch(/^ {2}consume \[options\] <name> /m);
  });

  it("type-checks the app's functions against the package's declarations", async () => {
    const typeRoots = join(root, 'node_modules', '@types');
    await expect(run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--typeRoots', typeRoots], inDir(app))).resolves.toBeDefined();
  });

  it("synthesizes Postroom inside the app's own stack, with its topology, saga and stream consumer", () => {
    expect(resourcesOf('AWS::ApiGatewayV2::Api')).toHaveLength(1);
    expect(resourcesOf('AWS::DynamoDB::Table')).toHaveLength(4);
    expect(resourcesOf('AWS::StepFunctions::StateMachine')).toHaveLength(1);
    const topology = resourcesOf('Custom::PostroomTopology').map(({ Properties }) => `${Properties.Kind} ${Properties.Name}`);
    expect(topology).toEqual(expect.arrayContaining(['queue shipping', 'queue audit', 'exchange orders', 'stream orders.log']));
    expect(topology.filter((entry) => entry.startsWith('binding '))).toHaveLength(2);
    const streamSources = resourcesOf('AWS::Lambda::EventSourceMapping').filter(({ Properties }) => Properties.StartingPosition !== undefined);
    expect(streamSources).toHaveLength(1);
  });

  it("deploys Postroom's own functions from the prebuilt bundles and bundles the app's functions with the consumer helpers", () => {
    const bundles = readdirSync(join(app, 'cdk.out'))
      .filter((name) => name.startsWith('asset.') && existsSync(join(app, 'cdk.out', name, 'index.mjs')))
      .map((name) => readFileSync(join(app, 'cdk.out', name, 'index.mjs'), 'utf8'));
    // Each Postroom function (functions/<name>/handler.ts) deployed from dist/assets/<name>, as built.
    // outbox-relay is deployed only by PostroomOutbox, which this app does not use.
    const optional = new Set(['outbox-relay']);
    const functionNames = globSync('*/handler.ts', { cwd: join(root, 'functions') }).map((entry) => dirname(entry)).filter((name) => !optional.has(name));
    expect(functionNames).toContain('api');
    for (const name of functionNames) {
      expect(bundles, name).toContain(readFileSync(join(root, 'dist', 'assets', name, 'index.mjs'), 'utf8'));
    }
    expect(bundles.some((bundle) => bundle.includes('billing order') && bundle.includes('IdempotencyConfig'))).toBe(true);
  });

  it('runs the app on the emulator with postroom/local, as its integration tests would', async () => {
    // The emulator the local runtime installs on first use: here the repo's, put where an installed package looks for it.
    const [, motoVersion] = /^moto\[server\]==(\S+)$/m.exec(readFileSync(join(root, 'emulator', 'requirements.txt'), 'utf8'))!;
    const runtimeCache = join(work, 'runtime-cache');
    mkdirSync(join(runtimeCache, 'postroom'), { recursive: true });
    symlinkSync(join(root, '.venv'), join(runtimeCache, 'postroom', `moto-${motoVersion}`));
    const script = [
      "import { startLocalRuntime, startMotoServer, synthesize } from 'postroom/local';",
      'const emulator = await startMotoServer();',
      "await synthesize({ outDir: 'local.out' });",
      "const runtime = await startLocalRuntime({ assemblyDir: 'local.out', endpoint: emulator.endpoint, port: 0, log: () => {} });",
      'const queues = await fetch(`${runtime.url}/v1/queues`);',
      'console.log(JSON.stringify({ status: queues.status, body: await queues.json() }));',
      'await runtime.stop();',
      'await emulator.stop();',
    ].join('\n');
    writeFileSync(join(app, 'local-check.mjs'), script);
    const { stdout } = await run(process.execPath, ['local-check.mjs'], { ...inDir(app), env: { ...env, XDG_CACHE_HOME: runtimeCache } });
    const { status, body } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: number; body: { queues: { name: string }[] } };

    expect(status).toBe(200);
    // The queues the app declares in CDK, created by Postroom's prebuilt topology function.
    expect(body.queues.map(({ name }) => name)).toEqual(expect.arrayContaining(['shipping', 'audit']));
  });

  it('grants the API routes of exactly the resources granted on', () => {
    const [policy] = resourcesOf('AWS::IAM::Policy').filter(({ Properties }) => Properties.Roles.some((role: { Ref: string }) => role.Ref.startsWith('ShippingService')));
    const routes = policy!.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string; Resource: unknown }) =>
      statement.Action === 'execute-api:Invoke' ? [statement.Resource].flat().map(routeOf) : [],
    );

    expect(routes.sort()).toEqual(
      [
        ...RouteGrants.exchangePublish.map((operation) => routeResourcePath(operation, { name: 'orders' })),
        ...RouteGrants.queueConsume.map((operation) => routeResourcePath(operation, { name: 'shipping' })),
      ].sort(),
    );
  });
});

/** `METHOD/path` of an execute-api ARN as the template writes it: a `Fn::Join` ending in `<api id>/<any stage>/METHOD/path`. */
function routeOf(arn: unknown): string {
  const parts = (arn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join('').split('/*/')[1]!;
}
