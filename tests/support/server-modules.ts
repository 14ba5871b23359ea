import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * Reading the source the way Next.js reads `'use server'`: a module that starts
 * with the directive turns every export into an endpoint anyone can POST to,
 * and a function whose body starts with it becomes one too. Used by
 * tests/unit/use-server-modules.test.ts.
 */

const root = path.resolve(import.meta.dirname, '../..')

/** Every TypeScript source of the application (not tests, scripts or dependencies). */
export function applicationSources(folders: readonly string[] = ['app', 'lib', 'db']): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return walk(full)
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
    })
  return folders.flatMap((folder) => walk(path.join(root, folder))).map((file) => path.relative(root, file))
}

function directives(statements: readonly ts.Statement[]): string[] {
  const found: string[] = []
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break
    found.push(statement.expression.text)
  }
  return found
}

export interface ServerDirectives {
  /** The module starts with 'use server'. */
  moduleLevel: boolean
  /** Functions whose body starts with 'use server' (inline server actions), by line. */
  inlineLines: number[]
}

export function findServerDirectives(fileName: string, source: string): ServerDirectives {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true)
  const inlineLines: number[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && ts.isBlock(node.body) && directives(node.body.statements).includes('use server')) {
      inlineLines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return { moduleLevel: directives(file.statements).includes('use server'), inlineLines }
}

function compilerOptions(): ts.CompilerOptions {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile)
  return { ...ts.parseJsonConfigFileContent(configFile.config, ts.sys, root).options, noEmit: true }
}

/** A program over `files` (paths relative to the repository), with `virtualFiles` added in memory. */
export function programFor(files: readonly string[], virtualFiles: Record<string, string> = {}): ts.Program {
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const virtual = new Map(Object.entries(virtualFiles).map(([name, text]) => [path.join(root, name), text]))
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name)
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name)
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const text = virtual.get(name)
    return text === undefined ? getSourceFile.call(host, name, language, onError, shouldCreate) : ts.createSourceFile(name, text, language, true)
  }
  const roots = [...files.map((file) => path.join(root, file)), ...virtual.keys()]
  return ts.createProgram({ rootNames: roots, options, host })
}

/**
 * What is wrong with the exports of one 'use server' module: each must be an
 * async function resolving to an ActionResult, i.e. a form action made by
 * `validatedAction` (which checks the permission). Types are erased and fine.
 */
export function exportProblems(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(path.join(root, file))
  if (!source) return [`${file}: not in the program`]
  const moduleSymbol = checker.getSymbolAtLocation(source)
  if (!moduleSymbol) return []
  const problems: string[] = []
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    if (!(symbol.flags & ts.SymbolFlags.Value)) continue
    const name = `${file}: ${exported.getName()}`
    const type = checker.getTypeOfSymbolAtLocation(symbol, source)
    const signatures = type.getCallSignatures()
    if (signatures.length === 0) {
      problems.push(`${name} is not a function`)
      continue
    }
    for (const signature of signatures) {
      const returned = checker.getReturnTypeOfSignature(signature)
      const promised = checker.getAwaitedType(returned)
      if (returned.getSymbol()?.getName() !== 'Promise' || !promised) {
        problems.push(`${name} is not async (returns ${checker.typeToString(returned)})`)
      } else if (!promised.getProperty('ok')) {
        problems.push(`${name} resolves to ${checker.typeToString(promised)}, not an ActionResult: a read-only helper must not be a server action`)
      }
    }
  }
  return problems
}
