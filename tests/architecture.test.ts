// Dependencies point one way: server → bot, desk → models, intents. models/ and intents/ import nothing else of ours.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ALLOWED: Record<string, string[]> = {
  models: ['models'],
  intents: ['intents'],
  bot: ['bot', 'models', 'intents'],
  desk: ['desk', 'models', 'intents'],
  server: ['server', 'bot', 'desk', 'models', 'intents'],
};

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

test.each(Object.keys(ALLOWED))('%s/ imports only from the folders below it', (folder) => {
  const violations: string[] = [];
  for (const file of sourceFiles(path.join(ROOT, folder))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (!spec.startsWith('.')) continue;
      const target = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
      if (!ALLOWED[folder]!.includes(target)) violations.push(`${path.relative(ROOT, file)} → ${spec}`);
    }
  }
  expect(violations).toEqual([]);
});

test('the rule is live: a server → models import is found by the scanner', () => {
  const text = fs.readFileSync(path.join(ROOT, 'server/app.ts'), 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
  expect(targets).toContain('../models');
});
