/**
 * Runs the checks of `npm run kb:check` on knowledge files that are not live yet: they
 * are written to a private temporary folder (named knowledge/, so findings name
 * knowledge/pn.yaml as staff know it), checked against the bot's dialogs, and removed.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkContent, type Finding } from '../knowledge/checks';
import type { ArtefactStore } from '../storage/artefacts';
import { isContentFileName, type ContentFiles } from './entry-index';

export interface FileCheckOptions {
  dialogsDir?: string;
  /** Where compiled knowledge is kept: the version checked is the version then served, compiled once. */
  store?: ArtefactStore;
  now?: () => Date;
}

export type ContentChecker = (files: ContentFiles) => Promise<Finding[]>;

export function createContentChecker(options: FileCheckOptions = {}): ContentChecker {
  return async (files) => {
    const root = await mkdtemp(path.join(tmpdir(), 'pn-content-check-'));
    try {
      const dir = path.join(root, 'knowledge');
      await mkdir(dir);
      for (const [name, text] of Object.entries(files)) {
        if (!isContentFileName(name)) throw new Error(`not a content file name: ${name}`);
        await writeFile(path.join(dir, name), text, 'utf8');
      }
      const report = await checkContent({ knowledgeDir: dir, dialogsDir: options.dialogsDir, displayRoot: root, now: options.now?.(), ...(options.store ? { store: options.store } : {}) });
      return report.findings;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
}

/** The same finding in two versions, whatever its line: a warning staff already live with is not news. */
export function findingKey(finding: Finding): string {
  return `${finding.severity}|${finding.code}|${finding.file}|${JSON.stringify(finding.params)}`;
}
