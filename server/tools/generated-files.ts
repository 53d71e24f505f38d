/** The files generated from the code; committed, and checked to be current by a test. */
import { renderApiReference, renderIndexes, renderSecurityRules } from '../api/docs';
import { FUNCTIONS } from '../functions';
import path from 'node:path';
import { CONTRACT_FILE, renderContract } from './contract';
import { COLLECTIONS, INDEXES } from '../collections';

export function generatedFiles(): Array<[relativePath: string, content: string]> {
  return [
    ['docs/api.md', renderApiReference(FUNCTIONS)],
    ['database/indexes.json', renderIndexes(INDEXES)],
    ['database/security-rules.json', renderSecurityRules(Object.values(COLLECTIONS))],
    // From source (server/tools) and from the bundle (dist/tools) alike, the project is two levels up.
    [CONTRACT_FILE, renderContract(FUNCTIONS, path.resolve(__dirname, '../..'))],
  ];
}
