// Flushes a SQLite WAL file to disk in node's thread pool, for the group commit (see
// group-commit.ts). One fdatasync runs at a time: the commits made while it runs share the
// next one, so the number of flushes follows the disk's pace, not the number of groups.
import { fdatasync, openSync } from 'node:fs';

export class WalFlusher {
  private descriptor: number | undefined;
  private running: Promise<void> | undefined;
  /** The flush that starts when the running one ends: it covers every commit made meanwhile. */
  private waiting: Promise<void> | undefined;
  /**
   * Set once a flush failed or the connection could not be set back to FULL: a later flush
   * may report success for pages the kernel already dropped, so from then on every commit
   * waits for the disk itself.
   */
  private broken = false;

  constructor(private readonly file: string) {}

  /** Whether a commit may leave its fsync to `flush`: the WAL file exists and nothing failed. */
  usable(): boolean {
    if (this.broken) return false;
    if (this.descriptor !== undefined) return true;
    try {
      this.descriptor = openSync(this.file, 'r');
      return true;
    } catch {
      return false;
    }
  }

  markBroken(): void {
    this.broken = true;
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  flush(): Promise<void> {
    if (this.waiting) return this.waiting;
    if (!this.running) return this.begin();
    // The running flush may have started before this commit: the next one is this caller's.
    this.waiting = this.running
      .catch(() => undefined)
      .then(() => {
        this.waiting = undefined;
        return this.begin();
      });
    return this.waiting;
  }

  private begin(): Promise<void> {
    const descriptor = this.descriptor!;
    const run = new Promise<void>((resolve, reject) =>
      fdatasync(descriptor, (error) => {
        if (!error) return resolve();
        this.broken = true;
        reject(error);
      }),
    );
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = undefined;
    };
    run.then(clear, clear);
    return run;
  }
}
