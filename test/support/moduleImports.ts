import fs from 'node:fs';
import ts from 'typescript';

/** What a TypeScript file imports, by kind: loaded at start, erased types, or `import()`. */
export interface ModuleImports {
  eager: string[];
  typeOnly: string[];
  lazy: string[];
}

/** The module specifiers of a file's imports and re-exports, parsed (not run). */
export function moduleImports(file: string): ModuleImports {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: ModuleImports = { eager: [], typeOnly: [], lazy: [] };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const typeOnly = statement.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword;
      (typeOnly ? found.typeOnly : found.eager).push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const list = statement.isTypeOnly ? found.typeOnly : found.eager;
      list.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.lazy.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
