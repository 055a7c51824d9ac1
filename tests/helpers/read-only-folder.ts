/**
 * A folder that can be turned read-only mid-test, the way a disk fails. As root (as in CI):
 * a small tmpfs, covered by a read-only tmpfs mounted over it (a plain "remount,ro" is
 * refused while the bot holds a file open for writing); a file opened before keeps its
 * old disk, but every path under the folder now answers "read-only file system".
 * Otherwise: the folder without its write permission, which stops a non-root user the same way.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ReadOnlyFolder {
  dir: string;
  makeReadOnly(): Promise<void>;
  makeWritable(): Promise<void>;
  cleanup(): Promise<void>;
}

function tryMount(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'none', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function readOnlyFolder(): Promise<ReadOnlyFolder> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pn-ro-'));
  const mounted = tryMount(dir);
  return {
    dir,
    async makeReadOnly() {
      if (mounted) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'none', dir], { stdio: 'ignore' });
      else await chmod(dir, 0o500);
    },
    async makeWritable() {
      if (mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
      else await chmod(dir, 0o700);
    },
    async cleanup() {
      if (mounted) {
        // The read-only cover (if still there), then the tmpfs itself.
        while (execFileSync('mount').toString().includes(` ${dir} `)) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      }
      else await chmod(dir, 0o700);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
