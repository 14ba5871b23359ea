import tsParser from '@typescript-eslint/parser'

/**
 * Two boundaries the folder tree promises, kept by no-restricted-imports.
 *
 * The content layer (issue 18): the running site only
 * reads the content catalog (lib/content/posts.server.ts). Compiling articles
 * is the build's job: scripts/build-content.ts and lib/content/build/ drive the
 * compiler in lib/content/compile/. A page, route, action or runtime module that
 * imported it would compile MDX inside a request again. Inline
 * `eslint-disable` comments are refused, so the rule cannot be switched off
 * quietly in one file; tests/unit/content-boundary.test.ts shows it firing.
 *
 * lib/auth below lib/actions: the action wrapper checks sessions and
 * permissions, so lib/auth never imports it back (the account actions that use
 * both live in lib/account).
 */

const compilerOnly = {
  group: [
    '@/lib/content/compile',
    '@/lib/content/compile/**',
    '@/lib/content/build',
    '@/lib/content/build/**',
    '@/lib/content/post-files.server',
    '**/content/compile/**',
    '**/content/build/**',
    './compile/**',
    './build/**',
    '../compile/**',
    '../build/**',
    './post-files.server',
    '../post-files.server',
  ],
  message:
    'The site reads the content catalog (lib/content/posts.server.ts) and never compiles articles; only scripts/build-content.ts and lib/content/build/ use the compiler.',
}

const compilerPackages = {
  // Package names only: a regex on the whole specifier, so our own './remark-…' files do not match twice.
  // (esbuild is not here: the content compiler no longer uses it, and the comment worker is bundled with it at start-up.)
  regex: '^(@mdx-js/|mdx-bundler(/|$)|unified$|remark-|rehype-)',
  message: 'MDX and its plugins run at build time only (lib/content/compile/); the site reads the compiled catalog.',
}

const authBelowActions = {
  group: ['@/lib/actions', '@/lib/actions/**', '../actions/**', '**/lib/actions/**', '@/lib/account', '@/lib/account/**', '../account/**'],
  message:
    'lib/actions builds on lib/auth (sessions, permissions), so lib/auth must not import lib/actions or the account actions built on both (lib/account); put action definitions in lib/account or the domain that owns them.',
}

export default [
  {
    ignores: ['node_modules/**', '.next/**', '.catalog/**', 'bench/.work/**', 'test-results/**', 'math-report/**', '.stryker-tmp/**', 'reports/**'],
  },
  {
    // Everything the running site executes: routes, components, and lib/ except the build side.
    files: ['app/**/*.{ts,tsx,mts,mjs}', 'lib/**/*.{ts,tsx,mts,mjs}', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/content/compile/**', 'lib/content/build/**', '**/*.test.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' },
    },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: {
      'no-restricted-imports': ['error', { patterns: [compilerOnly, compilerPackages] }],
      // The same for `await import('…')`, which no-restricted-imports does not look at.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value=/content\\/(compile|build)\\/|post-files\\.server|^@mdx-js\\/|^mdx-bundler|^unified$|^remark-|^rehype-/]",
          message: compilerOnly.message,
        },
      ],
    },
  },
  {
    // No cycle between sessions/permissions and the action wrapper built on them.
    files: ['lib/auth/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [compilerOnly, compilerPackages, authBelowActions] }],
    },
  },
]
