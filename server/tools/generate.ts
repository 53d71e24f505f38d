/** Writes the generated files: docs/api.md and database/*.json (run by `npm run build`). */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated-files';

const root = process.argv[2] ?? process.cwd();
for (const [file, content] of generatedFiles()) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (before !== content) {
    fs.writeFileSync(target, content);
    console.log(`wrote ${file}`);
  }
}
