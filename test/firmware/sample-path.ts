// Static look at the per-sample path of a built (minified) firmware file: the functions that
// carry Espruino's "ram" directive (the sample tick and what it calls per sample), how much work
// each does, whether anything in them allocates, and where the names they use are declared.
//
// Why names matter: Espruino finds a name by walking the scopes outwards, each a linked list, so
// a name from the bundle's top scope (~150 names) or a global costs a walk through all of them,
// at every use, on every sample. firmware/src/core/sampler.ts builds the tick as a closure so
// that every name it uses is a local of one small enclosing scope.
import ts from 'typescript';

export type NameHome =
  /** declared in the function itself */
  | 'local'
  /** declared in the nearest enclosing function (the closure's own small scope) */
  | 'enclosing'
  /** declared in the bundle's top scope (its IIFE) */
  | 'bundle'
  /** declared in a function further out than the nearest enclosing one */
  | 'outer'
  /** not declared in the file: an interpreter built-in (E, USB, Math, ...), found after every scope */
  | 'global';

export interface RamFunction {
  /** Property or variable it is stored as (`tick`, `readFsr`, `write`, ...), else its (minified) function name. */
  label: string;
  source: string;
  /** Side-effect operations: calls, assignments, increments, declarations with a value, returns, branches. */
  operations: number;
  calls: number;
  /** Constructs that allocate on every run (new, literals, closures, string building, allocating methods). */
  allocations: string[];
  /** Every name it reads or writes that it does not declare itself, with where it is declared. */
  names: { name: string; home: NameHome }[];
  /** Whether it sits directly in the bundle's top scope (not in a closure): 'enclosing' names are then 'bundle' ones. */
  topLevel: boolean;
}

const ALLOCATING_METHODS = new Set(['slice', 'subarray', 'map', 'filter', 'concat', 'split', 'join', 'toString', 'bind', 'from', 'of', 'fill', 'push', 'splice', 'apply', 'toFixed']);

function isFunction(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n);
}

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p !== undefined; p = p.parent) if (isFunction(p)) return p;
  return undefined;
}

function hasRamDirective(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (body === undefined || !ts.isBlock(body)) return false;
  const first = body.statements[0];
  return first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'ram';
}

function label(fn: ts.FunctionLikeDeclaration): string {
  const p = fn.parent;
  if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  // readReg: cond ? function () {...} : function () {...}
  if (ts.isConditionalExpression(p) && ts.isPropertyAssignment(p.parent) && ts.isIdentifier(p.parent.name)) return p.parent.name.text;
  if (fn.name !== undefined && ts.isIdentifier(fn.name)) return fn.name.text;
  return '(anonymous)';
}

/** An identifier that names a variable (not a property name, a label or a declaration's own name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isBindingElement(p)) && p.name === id) return false;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === id) return false;
  return true;
}

function analyse(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile, checker: ts.TypeChecker, bundleScope: ts.Node | undefined): RamFunction {
  let operations = 0;
  let calls = 0;
  const allocations: string[] = [];
  const names = new Map<string, NameHome>();
  const outer = enclosingFunction(fn);
  const visit = (n: ts.Node): void => {
    if (n !== fn && isFunction(n)) allocations.push(`closure: ${n.getText(sf).slice(0, 40)}`);
    if (ts.isNewExpression(n)) allocations.push(`new: ${n.getText(sf)}`);
    if (ts.isArrayLiteralExpression(n)) allocations.push(`array literal: ${n.getText(sf)}`);
    if (ts.isObjectLiteralExpression(n)) allocations.push(`object literal: ${n.getText(sf)}`);
    if (ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n)) allocations.push(`template: ${n.getText(sf)}`);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && (ts.isStringLiteral(n.left) || ts.isStringLiteral(n.right))) allocations.push(`string concatenation: ${n.getText(sf)}`);
    if (ts.isCallExpression(n)) {
      calls++;
      operations++;
      if (ts.isPropertyAccessExpression(n.expression) && ALLOCATING_METHODS.has(n.expression.name.text)) allocations.push(`allocating call: ${n.getText(sf)}`);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) operations++;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) operations++;
    if (ts.isVariableDeclaration(n) && n.initializer) operations++;
    if (ts.isReturnStatement(n) || ts.isIfStatement(n) || ts.isConditionalExpression(n)) operations++;
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken) && ts.isExpressionStatement(n.parent)) operations++;
    if (ts.isIdentifier(n) && isReference(n) && n.text !== 'undefined') {
      const decl = checker.getSymbolAtLocation(n)?.declarations?.[0];
      let home: NameHome = 'global';
      if (decl !== undefined) {
        const owner = enclosingFunction(decl);
        // a function declaration's name belongs to the scope around it, not to itself
        const scope = ts.isFunctionDeclaration(decl) ? enclosingFunction(decl) : owner;
        home = isInside(scope, fn) ? 'local' : scope === bundleScope ? 'bundle' : scope === outer ? 'enclosing' : 'outer';
      }
      if (home !== 'local') names.set(n.text, home);
    }
    n.forEachChild(visit);
  };
  fn.body?.forEachChild(visit);
  return {
    label: label(fn),
    source: fn.getText(sf),
    operations,
    calls,
    allocations,
    names: [...names].map(([name, home]) => ({ name, home })),
    topLevel: outer === bundleScope,
  };
}

/** Whether `scope` is `fn` or a block-level function inside it (a catch clause's binding belongs to fn). */
function isInside(scope: ts.Node | undefined, fn: ts.Node): boolean {
  for (let p = scope; p !== undefined; p = p.parent) if (p === fn) return true;
  return false;
}

/** The bundle's top scope: the function of the IIFE esbuild wraps everything in. */
function bundleIife(sf: ts.SourceFile): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (n: ts.Node): void => {
    if (found !== undefined) return;
    if (isFunction(n)) {
      found = n;
      return;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return found;
}

/** Every function of a built firmware file that carries the "ram" directive, in source order. */
export function ramFunctions(code: string): RamFunction[] {
  const host = ts.createCompilerHost({ allowJs: true, noLib: true });
  const file = 'firmware.js';
  const sf = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (name === file ? sf : getSourceFile(name, lang));
  const program = ts.createProgram({ rootNames: [file], options: { allowJs: true, noLib: true, noResolve: true, types: [] }, host });
  const checker = program.getTypeChecker();
  const iife = bundleIife(sf);
  const out: RamFunction[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunction(n) && hasRamDirective(n)) out.push(analyse(n, sf, checker, iife));
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** The sample tick: the "ram" function with the most calls (it reads the sensors, checks, writes). */
export function sampleTick(fns: readonly RamFunction[]): RamFunction {
  const tick = [...fns].sort((a, b) => b.calls - a.calls)[0];
  if (tick === undefined) throw new Error('no "ram" function in the bundle: the sample path lost its directive');
  return tick;
}
