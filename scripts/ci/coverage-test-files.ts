/**
 * Which test files `npm run coverage` runs: the contract tests — those that can reach the in-process
 * Hardhat network, less the ones that only reach the contracts again through another part or at
 * random.
 *
 * 1. solidity-coverage measures only what the instrumented contracts execute on the in-process network
 *    it is attached to. A test file reaches that network only through the `hardhat` package (`hre`,
 *    `ethers` from "hardhat", `loadFixture`, `hre.run` of a task): if neither the file nor any project
 *    file it imports (transitively) imports `hardhat` or a `@nomicfoundation/hardhat-*` package, it
 *    cannot add a line of coverage — the off-chain oracle library, the web app's pure code, the docs
 *    checks. Type-only imports (`import type`) are erased at run time and do not count. A test that
 *    spawns its own `hardhat node` or `hardhat run` executes uninstrumented code in another process;
 *    those are titled `@skip-on-coverage` (.solcover.js). This rule reads imports, not paths.
 * 2. Of the rest, the tests of the other parts — the SDK, the tasks, the oracle's posting, the
 *    deployment and the demo ({@link OTHER_PARTS}) — and the fast-check property tests
 *    (`*.property.test.ts`: random sequences over the same functions) reach no contract code that the
 *    contract tests do not. How that was measured, and how to check it again after a change to the
 *    tests: `COVERAGE_PER_FILE=per-file.json npm run coverage:all` records what each file reaches
 *    (scripts/ci/coverage-per-file.js) and `npm run coverage:redundancy -- per-file.json` lists the
 *    files that reach nothing the others do not; then `npm run coverage:compare -- all.json
 *    coverage.json` compares the coverage.json of `coverage:all` (copied aside) with that of
 *    `npm run coverage`, location by location, istanbul's derived branches included. On the commit
 *    that introduced this rule all 60 files covered 847/847 statements, 792/800 branches and 247/247
 *    functions; the 37 contract files the same, once a test of `awardTenderAndRetire` while the
 *    marketplace is paused was added (only the marketplace property test had reached that branch),
 *    in 283 of the 985 seconds under coverage. `npm run coverage:all` runs every file of rule 1.
 *
 * Every file runs in `npm test`, whatever it does here: these rules choose only what is measured
 * for coverage, not what is asserted.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Module specifiers that load Hardhat, and with it the in-process network. */
export function loadsHardhat(specifier: string): boolean {
  return specifier === "hardhat" || specifier.startsWith("hardhat/") || /^@nomicfoundation\/hardhat-/.test(specifier);
}

/** The module specifiers a source file loads at run time (imports, re-exports, `require`, `import()`), type-only ones left out. */
export function runtimeImports(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      const ref = node.moduleReference;
      if (!node.isTypeOnly && ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) found.push(ref.expression.text);
      return;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Whether `file` (absolute path), or a project file it loads, loads Hardhat. Project files are
 * resolved with the root tsconfig's module resolution (its `paths` included); packages other than
 * Hardhat's are not followed. `graph` caches each file's edges across calls.
 */
export function reachesHardhat(file: string, root: string, graph = new Map<string, Edges>()): boolean {
  const { options, cache } = compilerOptions(root);
  const seen = new Set<string>();
  const pending = [path.resolve(file)];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const edges = graph.get(current) ?? edgesOf(current, options, cache);
    graph.set(current, edges);
    if (edges.loadsHardhat) return true;
    pending.push(...edges.files);
  }
  return false;
}

/** What one file loads: Hardhat directly, and which project files. */
export interface Edges {
  readonly loadsHardhat: boolean;
  readonly files: readonly string[];
}

function edgesOf(file: string, options: ts.CompilerOptions, cache: ts.ModuleResolutionCache): Edges {
  const specifiers = runtimeImports(file, fs.readFileSync(file, "utf8"));
  const files: string[] = [];
  for (const specifier of specifiers) {
    const resolved = ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) continue;
    const target = resolved.resolvedFileName;
    if (/\.(c|m)?[jt]s$/.test(target) && !/\.d\.(c|m)?ts$/.test(target)) files.push(path.resolve(target));
  }
  return { loadsHardhat: specifiers.some(loadsHardhat), files };
}

interface Resolution {
  readonly options: ts.CompilerOptions;
  readonly cache: ts.ModuleResolutionCache;
}
const resolutionByRoot = new Map<string, Resolution>();
function compilerOptions(root: string): Resolution {
  let resolution = resolutionByRoot.get(root);
  if (!resolution) {
    const configFile = path.join(root, "tsconfig.json");
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const options = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile).options;
    resolution = { options, cache: ts.createModuleResolutionCache(root, (f) => f, options) };
    resolutionByRoot.set(root, resolution);
  }
  return resolution;
}

/** The test folders of the parts that reach the contracts through another layer (rule 2). */
export const OTHER_PARTS = ["sdk", "tasks", "oracle", "deploy", "demo", "e2e", "app"] as const;

/** Whether `file` (absolute) is a property test or a test of another part than the contracts (rule 2). */
export function reachesContractsOnlyAgain(file: string, root: string): boolean {
  const relative = path.relative(path.join(root, "test"), file).split(path.sep);
  return /\.property\.test\.[cm]?[jt]s$/.test(file) || (OTHER_PARTS as readonly string[]).includes(relative[0]);
}

/**
 * The subset of `testFiles` (absolute paths) that coverage runs, in the same order: rules 1 and 2,
 * or rule 1 only when `all` (`npm run coverage:all`).
 */
export function coverageTestFiles(testFiles: readonly string[], root: string, all = false): string[] {
  const graph = new Map<string, Edges>();
  return testFiles.filter((file) => reachesHardhat(file, root, graph) && (all || !reachesContractsOnlyAgain(file, root)));
}
