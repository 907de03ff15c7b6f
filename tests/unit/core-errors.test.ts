import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/result';
import en from '../../src/renderer/i18n/en.json';
import fr from '../../src/renderer/i18n/fr.json';

const root = path.resolve(__dirname, '../../src/main');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('the core says what went wrong with a code of its own', () => {
  it('never refuses with a generic code (not_found, conflict, invalid_input, internal): each refusal names what is gone or wrong', () => {
    const generic: string[] = [];
    for (const file of files(root)) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(/new AppFailure\(\s*'(not_found|conflict|invalid_input|internal)'/g)) {
        generic.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(generic).toEqual([]);
  });

  it('every code has a sentence in French and in English', () => {
    const missing = ERROR_CODES.filter((code) => typeof (fr.errors as Record<string, unknown>)[code] !== 'string' || typeof (en.errors as Record<string, unknown>)[code] !== 'string');
    expect(missing).toEqual([]);
  });
});
