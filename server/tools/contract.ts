/**
 * Writes miniprogram/services/contract.d.ts: for every cloud function and action, the payload a
 * page sends (the zod schema's input type) and the data it answers (the handler's result), as
 * plain types spelled out by the TypeScript checker from server/functions (CloudFunctions).
 *
 * Why a generated file and not an `import type` of server/functions: tsc checks every file an
 * import reaches, type-only or not, and the use cases behind the handlers use Node (Buffer,
 * node:crypto). The mini program's tsconfig has no Node types and must not get them, so the
 * contract is flattened here, on the Node side, into types that name only the mini program's own
 * domain types (miniprogram/domain/*). A name from anywhere else stops the build.
 */
import path from 'node:path';
import ts from 'typescript';
import type { FunctionDefinition } from '../api/define';

export const CONTRACT_FILE = 'miniprogram/services/contract.d.ts';

const PROBE_FILE = 'server/functions/__contract_probe__.ts';

/** The contract's text; `functions` gives the names to spell out (FUNCTIONS), `root` the project root. */
export function renderContract(functions: Readonly<Record<string, FunctionDefinition>>, root: string): string {
  const probePath = path.join(root, PROBE_FILE);
  const aliases: Array<{ fn: string; action: string; summary: string; payload: string; result: string }> = [];
  const probe: string[] = [
    "import type { CloudFunctions } from './index';",
    "import type { PayloadOf, ResultOf } from '../api/define';",
    // One level spelled out, for a result whose own name is the server's (its fields must still be ours).
    'type Flat<T> = T extends object ? { [K in keyof T]: T[K] } : T;',
  ];
  for (const [fn, definition] of Object.entries(functions)) {
    for (const [action, { summary }] of Object.entries(definition.actions)) {
      const id = aliases.length;
      const ref = `CloudFunctions[${JSON.stringify(fn)}], ${JSON.stringify(action)}`;
      probe.push(
        `export type P${id} = PayloadOf<${ref}>;`,
        `export type R${id} = ResultOf<${ref}>;`,
        `export type F${id} = Flat<R${id}>;`,
      );
      aliases.push({ fn, action, summary, payload: `P${id}`, result: `R${id}` });
    }
  }

  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'server/tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('server/tsconfig.json could not be read');
  const options = { ...parsed.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const probeText = probe.join('\n');
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, languageVersion, ...rest) =>
    path.resolve(file) === probePath
      ? ts.createSourceFile(file, probeText, languageVersion, true)
      : getSourceFile.call(host, file, languageVersion, ...rest);
  host.fileExists = (file) => path.resolve(file) === probePath || fileExists.call(host, file);
  host.readFile = (file) => (path.resolve(file) === probePath ? probeText : readFile.call(host, file));

  const program = ts.createProgram([probePath], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probePath);
  if (!source) throw new Error('the contract probe did not load');
  const problems = ts.getPreEmitDiagnostics(program, source);
  if (problems.length > 0) {
    throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  }

  const declared = new Map<string, ts.TypeAliasDeclaration>();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement)) declared.set(statement.name.text, statement);
  }
  const outFile = ts.createSourceFile(path.join(root, CONTRACT_FILE), '', ts.ScriptTarget.Latest);
  const printer = ts.createPrinter({ removeComments: true });
  const domainDir = path.join(root, 'miniprogram');
  const ours = (absolute: string) =>
    absolute.startsWith(domainDir + path.sep) && !absolute.includes(`${path.sep}services${path.sep}`);
  const serverNames = (text: string) =>
    [...text.matchAll(/import\("([^"]+)"\)/g)].map((m) => path.resolve(m[1]!)).filter((p) => !ours(p));
  const outDir = path.dirname(path.join(root, CONTRACT_FILE));
  const print = (alias: string): string => {
    const declaration = declared.get(alias)!;
    const node = checker.typeToTypeNode(
      checker.getTypeAtLocation(declaration.name),
      undefined,
      ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.InTypeAlias | ts.NodeBuilderFlags.UseFullyQualifiedType,
    );
    if (!node) throw new Error(`no type for ${alias}`);
    return printer.printNode(ts.EmitHint.Unspecified, node, outFile);
  };
  const outside = new Set<string>();
  /** Named types must be the mini program's own; their import paths become relative to the contract. */
  const spell = (alias: string, flat?: string): string => {
    let text = print(alias);
    if (flat !== undefined && serverNames(text).length > 0) text = print(flat);
    return text.replace(/import\("([^"]+)"\)/g, (_, target: string) => {
      const absolute = path.resolve(target);
      if (!ours(absolute)) {
        outside.add(`${path.relative(root, absolute)} (${alias})`);
      }
      let relative = path.relative(outDir, absolute).split(path.sep).join('/');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return `import(${JSON.stringify(relative)})`;
    });
  };

  const lines = [
    '// Generated by `npm run build` from server/functions (server/tools/contract.ts): do not edit.',
    '// Every cloud function and action, with the payload a page sends and the data it answers.',
    '// miniprogram/services/cloud.ts types callCloud with it.',
    '',
    'export interface CloudContract {',
  ];
  let current = '';
  for (const entry of aliases) {
    if (entry.fn !== current) {
      if (current !== '') lines.push('  };');
      lines.push(`  ${entry.fn}: {`);
      current = entry.fn;
    }
    lines.push(
      `    /** ${entry.summary.replace(/\*\//g, '*\\/')} */`,
      `    ${entry.action}: {`,
      `      payload: ${spell(entry.payload)};`,
      `      result: ${spell(entry.result, entry.result.replace('R', 'F'))};`,
      '    };',
    );
  }
  if (current !== '') lines.push('  };');
  lines.push('}', '');
  if (outside.size > 0) {
    throw new Error(
      `the contract names types outside miniprogram/ (move them to miniprogram/domain): ${[...outside].join(', ')}`,
    );
  }
  return lines.join('\n');
}
