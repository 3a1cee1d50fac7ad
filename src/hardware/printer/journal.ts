// The print journal: a two-phase record of every job sent to the printer, so a job retried after a
// crash or a fault is never printed twice as an original. `intent <id>` is fsynced before the first
// byte goes out and `done <id>` after the last; a job with an intent but no done is uncertain — the
// station died (or the link broke) while sending it, and only the printer knows whether it printed.
//
// File format, one line per step, ids URI-encoded so they hold no spaces:
//   intent <id>   about to send
//   done <id>     the bytes were handed to the printer
//   clear <id>    the printer answered that the job did NOT print (WeChat's component reports
//                 failures per task): it may go out again as an original
//   <id>          (journals written before the two-phase record) done
// A line is only read once its newline is on disk: a line torn by a crash is ignored.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';

export interface JournalEntry {
  /** false: intent only — the job may or may not have printed. */
  done: boolean;
}

const LINE = /^(?:(intent) (\S+)|(done) (\S+)|(clear) (\S+)|([^\s]+))$/;

/** null for text that is not what encodeURIComponent writes (a damaged line). */
function decoded(text: string | undefined): string | null {
  try {
    return text === undefined ? null : decodeURIComponent(text);
  } catch {
    return null;
  }
}

export class PrintJournal {
  /** In the order last written, so the newest are kept on compaction. */
  private entries = new Map<string, JournalEntry>();
  private lines = 0;
  private knownSize = 0;
  /** The file ends in a line torn by a crash: the next line must start on a fresh one. */
  private torn = false;

  constructor(
    private readonly file?: string,
    /** Done jobs kept (and, separately, at most as many open intents). */
    private readonly keep = 2000,
  ) {
    this.load();
  }

  /** What the journal knows of a job; null when it was never started. */
  lookup(id: string): JournalEntry | null {
    // Another instance (a restarted station, the settings screen's test print) may have appended.
    if (this.file && existsSync(this.file) && statSync(this.file).size !== this.knownSize) this.load();
    return this.entries.get(id) ?? null;
  }

  /** The job was delivered to the printer. */
  has(id: string): boolean {
    return this.lookup(id)?.done === true;
  }

  /** About to send the job (fsynced before this returns). */
  intent(id: string): void {
    this.append(`intent ${encodeURIComponent(id)}`, id, { done: false });
  }

  /** The job's bytes went out (fsynced before this returns). */
  done(id: string): void {
    this.append(`done ${encodeURIComponent(id)}`, id, { done: true });
  }

  /** The printer said the job did not print (fsynced before this returns): forget the intent. */
  clear(id: string): void {
    this.append(`clear ${encodeURIComponent(id)}`, id, null);
  }

  private append(line: string, id: string, entry: JournalEntry | null): void {
    this.entries.delete(id);
    if (entry) this.entries.set(id, entry);
    this.lines++;
    if (this.file) {
      const fd = openSync(this.file, 'a');
      try {
        writeSync(fd, `${this.torn ? '\n' : ''}${line}\n`);
        this.torn = false;
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    if (this.lines > this.keep * 2) this.compact();
    if (this.file) this.knownSize = statSync(this.file).size;
  }

  private load(): void {
    if (!this.file || !existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    const all = text.split('\n');
    this.torn = all.pop() !== ''; // '' after the last newline, or a line torn by a crash
    const entries = new Map<string, JournalEntry>();
    for (const line of all) {
      const m = LINE.exec(line);
      const id = m ? decoded(m[2] ?? m[4] ?? m[6] ?? m[7]) : null;
      if (!m || id === null) continue;
      entries.delete(id);
      if (!m[5]) entries.set(id, { done: !m[1] });
    }
    this.entries = this.trimmed(entries);
    this.lines = all.length;
    this.knownSize = Buffer.byteLength(text);
  }

  /** The newest `keep` done jobs and the newest `keep` open intents, in their order. */
  private trimmed(entries: Map<string, JournalEntry>): Map<string, JournalEntry> {
    const all = [...entries];
    const done = all.filter(([, e]) => e.done).length;
    const open = all.length - done;
    let skipDone = Math.max(0, done - this.keep);
    let skipOpen = Math.max(0, open - this.keep);
    const out = new Map<string, JournalEntry>();
    for (const [id, e] of all) {
      if (e.done && skipDone > 0) skipDone--;
      else if (!e.done && skipOpen > 0) skipOpen--;
      else out.set(id, e);
    }
    return out;
  }

  /** Rewrites the file with what is kept (write-then-rename, so a crash leaves one whole file). */
  private compact(): void {
    this.entries = this.trimmed(this.entries);
    if (this.file) {
      const tmp = `${this.file}.tmp`;
      const text = [...this.entries]
        .map(([id, e]) => `${e.done ? 'done' : 'intent'} ${encodeURIComponent(id)}\n`)
        .join('');
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    }
    this.lines = this.entries.size;
  }
}
