/**
 * `npm run check:size`: no file over 300 lines and no function over 80 lines in lib/ and app/ (generated
 * code aside). Prints the longest of each and exits non-zero past a limit; `npm test` runs it.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const MAX_FILE = 300;
const MAX_FUNCTION = 80;
const roots = ["lib", "app"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : walk(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

const files: { file: string; lines: number }[] = [];
const functions: { where: string; lines: number }[] = [];
for (const file of roots.flatMap(walk)) {
  const text = fs.readFileSync(file, "utf8");
  files.push({ file, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0) });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? (node.name?.getText() ?? "default") : "(anonymous)";
      functions.push({ where: `${file}:${start + 1} ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

files.sort((a, b) => b.lines - a.lines);
functions.sort((a, b) => b.lines - a.lines);
console.log(`longest files: ${files.slice(0, 3).map((f) => `${f.file} (${f.lines})`).join(", ")}`);
console.log(`longest functions: ${functions.slice(0, 3).map((f) => `${f.where} (${f.lines})`).join(", ")}`);
const tooLong = [...files.filter((f) => f.lines > MAX_FILE).map((f) => `${f.file}: ${f.lines} lines (max ${MAX_FILE})`), ...functions.filter((f) => f.lines > MAX_FUNCTION).map((f) => `${f.where}: ${f.lines} lines (max ${MAX_FUNCTION})`)];
if (tooLong.length) {
  console.error(`Too long:\n${tooLong.map((t) => `  - ${t}`).join("\n")}`);
  process.exit(1);
}
