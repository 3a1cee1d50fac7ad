// A hub instance killed outright (SIGKILL, OOM, power) leaves its leases in the store until they
// expire (hub.leaseTtlMs). When it is started again on the same host — systemd's Restart=always, or
// by hand — it need not wait that out: every instance notes its process id in
// <data>/instances/<instanceId>.pid, and a starting instance frees the leases of every instance
// noted there whose process is gone. Instances on other hosts (other data dirs) are never touched;
// their leases expire as usual.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HubStore } from '../store/types.js';

export interface InstanceNote {
  /** Instances found dead whose leases were freed, with how many each held. */
  freed: { instanceId: string; leases: number }[];
  /** Removes this instance's note (a clean stop). */
  forget(): void;
}

const SUFFIX = '.pid';

/** Whether a process with this id runs (EPERM: it does, as another user). */
function defaultAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An instance id names a file: refused unless plain. */
export function checkInstanceId(instanceId: string): void {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(instanceId))
    throw new Error(`instanceId: expected 1–100 letters, digits, ".", "_" or "-", got "${instanceId}"`);
}

export async function noteInstance(
  store: HubStore,
  dataDir: string,
  instanceId: string,
  pid: number = process.pid,
  alive: (pid: number) => boolean = defaultAlive,
): Promise<InstanceNote> {
  checkInstanceId(instanceId);
  const dir = join(dataDir, 'instances');
  mkdirSync(dir, { recursive: true });
  const freed: InstanceNote['freed'] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(SUFFIX)) continue;
    const other = name.slice(0, -SUFFIX.length);
    const otherPid = Number(readFileSync(join(dir, name), 'utf8').trim());
    if (other === instanceId || (Number.isInteger(otherPid) && otherPid > 0 && alive(otherPid))) continue;
    const leases = await store.tx((t) => t.leases.releaseAll(other));
    freed.push({ instanceId: other, leases });
    rmSync(join(dir, name), { force: true });
  }
  const mine = join(dir, `${instanceId}${SUFFIX}`);
  writeFileSync(mine, `${pid}\n`);
  return { freed, forget: () => rmSync(mine, { force: true }) };
}
