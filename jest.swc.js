// swc options for Jest (the build uses .swcrc; Jest resolves the @mla aliases itself).
module.exports = {
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
    // Rewrites the @mla/* aliases, so files Jest loads outside its module registry (globalSetup) resolve too.
    baseUrl: __dirname,
    paths: require('./tsconfig.json').compilerOptions.paths,
  },
};
