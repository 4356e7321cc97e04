// `npm run setup:localstack`: installs the LocalStack profile (LocalStack's core from the exact lock
// emulator/localstack-requirements.txt, into .venv-localstack, with a Python 3.13 of this machine)
// ahead of its first use, which would otherwise install it. Several minutes once; a no-op after.
import { installLocalStack, NoPythonForLocalStack } from '../local/emulator/localstack-install.ts';

try {
  const started = performance.now();
  const python = await installLocalStack((line) => console.log(line));
  console.log(`postroom: the LocalStack profile is ready (${python}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.error(`postroom: ${(error as Error).message}`);
  process.exit(error instanceof NoPythonForLocalStack ? 2 : 1);
}
