// `npm install` in Postroom's own repo installs the pinned moto server into the project-local
// virtualenv (.venv), so that `npm start` and the tests have their docker-free AWS emulator without
// touching the user's Python. Installed as a dependency, Postroom installs nothing here: the local
// runtime installs the emulator when it first starts one (local/emulator/emulator-install.ts).
import { realpathSync } from 'node:fs';
import { join } from 'node:path';

const root = realpathSync(join(import.meta.dirname, '..'));
// Checked here, before importing TypeScript, which Node does not run from inside node_modules.
const asDependency = root.split(/[\\/]/).includes('node_modules') || (process.env.INIT_CWD !== undefined && realpathSync(process.env.INIT_CWD) !== root);
if (process.env.POSTROOM_SKIP_EMULATOR_SETUP || asDependency) process.exit(0);

// Node >= 24 (checked by preinstall) runs the TypeScript module as it is.
const { emulatorHome, installEmulator } = await import('../local/emulator/emulator-install.ts');
try {
  const log = (line) => console.log(line);
  await installEmulator(emulatorHome(), log);
  // The repo's own tests also fuzz the API with schemathesis, from the same virtualenv.
  await installEmulator(emulatorHome(), log, join(root, 'test', 'requirements.txt'));
} catch (error) {
  console.error(`postroom: ${error.message}`);
  process.exit(1);
}
