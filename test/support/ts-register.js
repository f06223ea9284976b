// Lets a child process started by a test run the TypeScript sources without a build:
// `node -r ./test/support/ts-register.js some.ts`. Compiles each .ts file with the same swc options as Jest
// (the @mla/* aliases rewritten to the libraries' sources).
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const options = require('../../jest.swc.js');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false });
  module._compile(code, filename);
};
