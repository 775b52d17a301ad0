// Resolves the @leadx/* aliases of tsconfig.base.json against the compiled tree in dist/, so
// `node -r ./scripts/register-dist-paths.js dist/apps/<app>/src/main.js` runs a built service.
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
tsconfigPaths.register({ baseUrl: path.join(root, 'dist'), paths: compilerOptions.paths });
