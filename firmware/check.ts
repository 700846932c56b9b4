// Post-build scan of a firmware bundle for what esbuild lets through but the Espruino
// interpreter rejects or runs differently (../shared/ESPRUINO.md). Parses the output with the
// TypeScript compiler (as JavaScript) and reports every finding with line:column.
import ts from 'typescript';

export interface Finding {
  line: number;
  column: number;
  rule: string;
  text: string;
}

/** Globals the bundle must not use, and why. */
const MISSING_GLOBALS = new Map<string, string>([
  ...['Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'globalThis']
    .map((g): [string, string] => [g, `${g} does not exist in Espruino`]),
  ['require', 'require(): everything must be bundled, no module loading on the board'],
]);
/** Static methods Espruino does not have. */
const MISSING_STATICS = new Set(['Array.from', 'Math.trunc', 'Number.isInteger', 'Object.fromEntries', 'Promise.allSettled']);

function isFunctionLike(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) ||
    ts.isMethodDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n) || ts.isConstructorDeclaration(n) ||
    ts.isClassDeclaration(n) || ts.isClassExpression(n);
}

/** An identifier that reads a variable (not a property name, not a declaration name). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isPropertyAssignment(p) && p.name === id) return false;
  if ((ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassDeclaration(p) ||
    ts.isClassExpression(p) || ts.isVariableDeclaration(p) || ts.isParameter(p) ||
    ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  return true;
}

function walk(n: ts.Node, visit: (n: ts.Node) => boolean | void): void {
  if (visit(n) === false) return;
  n.forEachChild((c) => walk(c, visit));
}

/** Every statement list that runs in order: the file, function bodies, blocks. */
function statementLists(sf: ts.SourceFile): ts.NodeArray<ts.Statement>[] {
  const lists: ts.NodeArray<ts.Statement>[] = [sf.statements];
  walk(sf, (n) => {
    if (ts.isBlock(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) lists.push(n.statements);
  });
  return lists;
}

export function checkFirmwareSource(code: string, fileName = 'bundle.js'): Finding[] {
  const sf = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const out: Finding[] = [];
  const add = (n: ts.Node, rule: string): void => {
    const pos = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    const text = n.getText(sf).split('\n')[0].slice(0, 80);
    out.push({ line: pos.line + 1, column: pos.character + 1, rule, text });
  };

  walk(sf, (n) => {
    if (ts.isBinaryExpression(n)) {
      const k = n.operatorToken.kind;
      if (k === ts.SyntaxKind.AsteriskAsteriskToken || k === ts.SyntaxKind.AsteriskAsteriskEqualsToken) add(n, '`**` is not supported');
      if (k === ts.SyntaxKind.EqualsToken && (ts.isObjectLiteralExpression(n.left) || ts.isArrayLiteralExpression(n.left))) add(n, 'destructuring assignment is not supported');
      if (k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken || k === ts.SyntaxKind.AmpersandAmpersandEqualsToken) add(n, 'logical assignment is not supported');
    }
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) && n.questionDotToken) add(n, '`?.` is not supported');
    if (ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) add(n, 'destructuring is not supported');
    if (ts.isSpreadElement(n) || ts.isSpreadAssignment(n)) add(n, 'spread is not supported');
    if (ts.isParameter(n) && n.initializer) add(n, 'default parameters are not supported');
    if (ts.isParameter(n) && n.dotDotDotToken) add(n, 'rest parameters are not supported');
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) && n.asteriskToken) add(n, 'generators are not supported');
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) add(n, 'async functions are not supported');
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n)) add(n, 'await/yield are not supported');
    if (ts.isComputedPropertyName(n)) add(n, 'computed keys `{[k]: v}` are not supported');
    if (ts.isLabeledStatement(n)) add(n, 'labels are not supported');
    if (ts.isPropertyDeclaration(n)) add(n, 'class fields are not supported');
    if (ts.isCatchClause(n) && !n.variableDeclaration) add(n, 'catch without a binding is not supported');
    if (ts.isForOfStatement(n) && n.awaitModifier) add(n, 'for await is not supported');
    if (ts.isIdentifier(n) && MISSING_GLOBALS.has(n.text) && isReference(n)) add(n, MISSING_GLOBALS.get(n.text)!);
    if (ts.isIdentifier(n) && /^__[a-zA-Z]+$/.test(n.text) && isReference(n)) add(n, `esbuild helper ${n.text}: the source used a feature esbuild had to lower`);
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
      const name = `${n.expression.text}.${n.name.text}`;
      if (MISSING_STATICS.has(name)) add(n, `${name} does not exist in Espruino`);
    }
    // A named class expression does not bind its own name in Espruino.
    if (ts.isClassExpression(n) && n.name) {
      const own = n.name.text;
      walk(n, (c) => {
        if (c !== n.name && ts.isIdentifier(c) && c.text === own && isReference(c)) add(c, `class expression ${own} refers to itself`);
      });
    }
    // Closures made in `for (let ...)` all see the last value in Espruino.
    if (ts.isForStatement(n) && n.initializer && ts.isVariableDeclarationList(n.initializer) &&
      (n.initializer.flags & ts.NodeFlags.Let) !== 0) {
      const names = new Set<string>();
      for (const d of n.initializer.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      walk(n.statement, (c) => {
        if (!isFunctionLike(c)) return;
        walk(c, (r) => {
          if (ts.isIdentifier(r) && names.has(r.text) && isReference(r)) add(r, `closure captures loop variable ${r.text} of for (let ...)`);
        });
        return false;
      });
    }
  });

  // No function hoisting: a function declared later in the same statement list must not be
  // referenced by code that runs before it (nested function bodies run later, so they may).
  for (const list of statementLists(sf)) {
    const declaredAt = new Map<string, number>();
    list.forEach((s, i) => {
      if (ts.isFunctionDeclaration(s) && s.name) declaredAt.set(s.name.text, i);
    });
    if (declaredAt.size === 0) continue;
    list.forEach((s, i) => {
      if (ts.isFunctionDeclaration(s)) return;
      walk(s, (c) => {
        if (isFunctionLike(c)) return false;
        if (ts.isIdentifier(c) && isReference(c)) {
          const at = declaredAt.get(c.text);
          if (at !== undefined && at > i) add(c, `${c.text} is used before its function declaration (no hoisting in Espruino)`);
        }
        return true;
      });
    });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
