/**
 * A folder that can be turned read-only mid-test, the way a disk fails. As root (as in CI):
 * a small tmpfs, covered by a read-only tmpfs mounted over it (a plain "remount,ro" is
 * refused while the bot holds a file open for writing); a file opened before keeps its
 * old disk, but every path under the folder now answers "read-only file system".
 * Without root: the folder without its write permission, which stops the user the same way.
 * As root where mounting is not allowed (a locked-down container): the folder is moved
 * aside and a plain file put in its place, so every write under it fails (ENOTDIR).
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ReadOnlyFolder {
  dir: string;
  makeReadOnly(): Promise<void>;
  makeWritable(): Promise<void>;
  cleanup(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

function tryMount(dir: string): boolean {
  if (!isRoot()) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'none', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Method = 'mount' | 'chmod' | 'swap';

export async function readOnlyFolder(): Promise<ReadOnlyFolder> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'pn-ro-'));
  const dir = path.join(base, 'disk');
  await mkdir(dir);
  const method: Method = tryMount(dir) ? 'mount' : isRoot() ? 'swap' : 'chmod';
  const aside = path.join(base, 'disk-aside');
  return {
    dir,
    async makeReadOnly() {
      if (method === 'mount') execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'none', dir], { stdio: 'ignore' });
      else if (method === 'chmod') await chmod(dir, 0o500);
      else {
        await rename(dir, aside);
        await writeFile(dir, 'not a folder');
      }
    },
    async makeWritable() {
      if (method === 'mount') execFileSync('umount', [dir], { stdio: 'ignore' });
      else if (method === 'chmod') await chmod(dir, 0o700);
      else {
        await rm(dir);
        await rename(aside, dir);
      }
    },
    async cleanup() {
      if (method === 'mount') {
        // The read-only cover (if still there), then the tmpfs itself.
        while (execFileSync('mount').toString().includes(` ${dir} `)) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } else if (method === 'chmod') {
        await chmod(dir, 0o700).catch(() => undefined);
      }
      await rm(base, { recursive: true, force: true });
    },
  };
}
