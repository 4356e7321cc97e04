// Runs before `npm install` and `npm start` (preinstall, prestart). On an older Node the install
// only warns (EBADENGINE) and the start fails later on a `.ts` file: say what is wrong up front.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `postroom: Node.js 24 is required, but this is Node.js v${process.versions.node} (${process.execPath}); ` +
      'get it with: npm install --prefix "$HOME/.node24" node@24 && export PATH="$HOME/.node24/node_modules/.bin:$PATH"',
  );
  process.exit(1);
}
