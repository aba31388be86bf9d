// Versioned model files in one directory: intents-<version>.json per model, intents-active.json naming the
// one in use. Every write goes to a temporary file renamed into place, so a reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IntentsError } from './errors';
import { IntentModel, type ModelFile } from './model';

const ActivePointerSchema = z.object({ version: z.string() });
const MODEL_FILE = /^intents-([0-9A-Za-z-]+)\.json$/;
const ACTIVE_FILE = 'intents-active.json';

/** Sortable by creation time; the random suffix keeps two versions made in the same millisecond apart. */
export function newVersion(now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, file);
}

export class ModelStore {
  constructor(readonly dir: string) {}

  fileOf(version: string): string {
    if (!/^[0-9A-Za-z-]+$/.test(version)) throw new IntentsError('invalid_argument', `not a model version: ${JSON.stringify(version)}`);
    return path.join(this.dir, `intents-${version}.json`);
  }

  async save(file: ModelFile): Promise<void> {
    await writeAtomically(this.fileOf(file.version), JSON.stringify(file));
  }

  /** Whether the file of `version` is (still) there, without reading it. */
  async has(version: string): Promise<boolean> {
    return access(this.fileOf(version)).then(
      () => true,
      () => false,
    );
  }

  async read(version: string): Promise<IntentModel> {
    let text: string;
    try {
      text = await readFile(this.fileOf(version), 'utf8');
    } catch {
      throw new IntentsError('model_not_found', `no intents model ${version} in ${this.dir}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new IntentsError('model_corrupt', `intents model ${version} is not valid JSON`);
    }
    return IntentModel.fromFile(data);
  }

  async versions(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.flatMap((n) => MODEL_FILE.exec(n)?.[1] ?? []).filter((v) => v !== 'active').sort();
  }

  async activeVersion(): Promise<string | undefined> {
    const text = await readFile(path.join(this.dir, ACTIVE_FILE), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return ActivePointerSchema.parse(JSON.parse(text)).version;
    } catch {
      throw new IntentsError('model_corrupt', `${ACTIVE_FILE} in ${this.dir} is unreadable`);
    }
  }

  async setActive(version: string): Promise<void> {
    await writeAtomically(path.join(this.dir, ACTIVE_FILE), JSON.stringify({ version }));
  }
}
