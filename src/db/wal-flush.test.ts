import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalFlusher } from './wal-flush.ts';

test('one flush at a time: the commits made while it runs share the next one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-flush-'));
  try {
    const missing = new WalFlusher(join(dir, 'absent.db-wal'));
    assert.equal(missing.usable(), false, 'no WAL file yet: commits keep their own fsync');
    const file = join(dir, 'town.db-wal');
    writeFileSync(file, 'frames');
    const flusher = new WalFlusher(file);
    assert.equal(flusher.usable(), true);
    const first = flusher.flush();
    const during = [flusher.flush(), flusher.flush(), flusher.flush()];
    assert.notEqual(during[0], first, 'a flush already running may predate these commits');
    assert.ok(during.every((flush) => flush === during[0]), 'the commits made meanwhile share one flush');
    await Promise.all([first, ...during]);
    const later = flusher.flush();
    assert.notEqual(later, during[0]);
    await later;
    flusher.markBroken();
    assert.equal(flusher.usable(), false, 'after a failure every commit waits for the disk itself');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
