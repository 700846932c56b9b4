// Static look at the per-sample functions of a built firmware file: which functions run for
// every sample, how much work they do, and whether anything in them allocates.
import ts from 'typescript';

/** Functions that run once per sample (names as esbuild emits them; boards may add a digit). */
export const HOT_FUNCTIONS = [/^sampleTick$/, /^readFsr\d*$/, /^imuInto$/, /^sendSample$/, /^autoFeedback$/];

export interface HotFunction {
  name: string;
  source: string;
  /** Side-effect operations: calls, assignments, increments, returns, branches. */
  operations: number;
  calls: number;
  hasRamDirective: boolean;
  /** Constructs that allocate on every run (new, literals, closures, string building). */
  allocations: string[];
}

const ALLOCATING_METHODS = new Set(['slice', 'subarray', 'map', 'filter', 'concat', 'split', 'join', 'toString', 'bind', 'from', 'of', 'fill', 'push', 'splice', 'apply']);

function analyse(fn: ts.FunctionDeclaration, sf: ts.SourceFile): HotFunction {
  let operations = 0;
  let calls = 0;
  const allocations: string[] = [];
  const visit = (n: ts.Node): void => {
    if (n !== fn && (ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isFunctionDeclaration(n))) allocations.push(`closure: ${n.getText(sf).slice(0, 40)}`);
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
    n.forEachChild(visit);
  };
  fn.body?.forEachChild(visit);
  const first = fn.body?.statements[0];
  const hasRamDirective = first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'ram';
  return { name: fn.name!.text, source: fn.getText(sf), operations, calls, hasRamDirective, allocations };
}

/** The per-sample functions of a bundle, in HOT_FUNCTIONS order. */
export function hotPath(code: string): HotFunction[] {
  const sf = ts.createSourceFile('firmware.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found: HotFunction[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name && HOT_FUNCTIONS.some((r) => r.test(n.name!.text))) found.push(analyse(n, sf));
    n.forEachChild(visit);
  };
  visit(sf);
  const rank = (name: string): number => HOT_FUNCTIONS.findIndex((r) => r.test(name));
  return found.sort((a, b) => rank(a.name) - rank(b.name));
}
