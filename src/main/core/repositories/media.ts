import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { IMAGE_EXTENSIONS, type ImageType } from '../../../shared/media';
import type { Media } from '../../../shared/publishing';
import type { Db } from '../store/database';

interface MediaRow {
  id: string;
  workspace_id: string;
  file_name: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
}

const EXTENSIONS: Record<string, string> = IMAGE_EXTENSIONS;

const toMedia = (r: MediaRow): Media => ({ id: r.id, workspaceId: r.workspace_id, fileName: r.file_name, mime: r.mime, bytes: r.bytes, width: r.width, height: r.height });

/** Images a person added: the original bytes, kept untouched in <data>/media, and their description in SQLite. */
export class MediaRepository {
  private readonly s;

  constructor(db: Db, private readonly dir: string) {
    this.s = {
      insert: db.prepare('INSERT INTO media (id, workspace_id, file_name, mime, bytes, width, height, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      get: db.prepare<[string], MediaRow>('SELECT * FROM media WHERE id = ?'),
    };
  }

  filePath(row: Pick<MediaRow, 'id' | 'mime'>): string {
    return path.join(this.dir, `${row.id}.${EXTENSIONS[row.mime] ?? 'bin'}`);
  }

  /** Writes the file durably first, then the row: a crash never leaves a row without its file. */
  add(m: Media & { data: Buffer; createdAt: number }): Media {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.filePath(m);
    const fd = fs.openSync(file, 'w', 0o600);
    try {
      fs.writeSync(fd, m.data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const sha = createHash('sha256').update(m.data).digest('hex');
    this.s.insert.run(m.id, m.workspaceId, m.fileName, m.mime, m.bytes, m.width, m.height, sha, m.createdAt);
    return toMedia({ ...m, workspace_id: m.workspaceId, file_name: m.fileName, sha256: sha });
  }

  /**
   * Takes a file a host already wrote (the web host's upload route streams it into
   * `incomingDir()`): fsynced, then renamed into place on the same disk, then the row.
   */
  addFile(m: Media & { mime: ImageType; createdAt: number }, source: string): Media {
    const fd = fs.openSync(source, 'r+');
    const hash = createHash('sha256');
    try {
      const chunk = Buffer.alloc(1 << 20);
      let position = 0;
      for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, position)) > 0; position += n) hash.update(chunk.subarray(0, n));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.mkdirSync(this.dir, { recursive: true });
    fs.renameSync(source, this.filePath(m));
    const dir = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
    const sha = hash.digest('hex');
    this.s.insert.run(m.id, m.workspaceId, m.fileName, m.mime, m.bytes, m.width, m.height, sha, m.createdAt);
    return toMedia({ ...m, workspace_id: m.workspaceId, file_name: m.fileName, sha256: sha });
  }

  /** Uploads cut short by a crash: nobody will claim them. */
  clearIncoming(): void {
    fs.rmSync(path.join(this.dir, '.incoming'), { recursive: true, force: true });
  }

  /** Where hosts write incoming files before addFile (same disk as the media folder, so the rename is atomic). */
  incomingDir(): string {
    const dir = path.join(this.dir, '.incoming');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  get(id: string): (Media & { path: string }) | null {
    const row = this.s.get.get(id);
    return row ? { ...toMedia(row), path: this.filePath(row) } : null;
  }
}
