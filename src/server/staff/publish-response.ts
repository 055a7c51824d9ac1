/**
 * How a publish result becomes an HTTP answer, for every staff route that publishes (the
 * content API and the inbox): one mapping, so a conflict or a failed check reads the same
 * to the console wherever the change came from.
 *
 * 200 published (or unchanged), 404 unknown entry, 409 the entry changed since the version
 * the change was based on (each conflict with the live entry now, so the page can show
 * both), 422 the checks fail or new warnings were not accepted (findings in both languages).
 */
import path from 'node:path';
import type { Response } from 'restify';
import { findingMessage, findingPlace, staffTranslator, type Finding } from '../../core/knowledge/checks';
import type { ContentService, PublishResult } from '../../core/staff/content-service';

export type DescribedFinding = Finding & { place: string; message: { vi: string; en: string } };

/** A finding with its message in both languages, so a script and the page can both show it. */
export function findingDescriber(localesDir: string): (finding: Finding) => DescribedFinding {
  const dir = path.join(localesDir, 'kbcheck');
  const vi = staffTranslator('vi', dir);
  const en = staffTranslator('en', dir);
  return (finding) => ({ ...finding, place: findingPlace(finding), message: { vi: findingMessage(finding, vi), en: findingMessage(finding, en) } });
}

export async function sendPublishResult(
  res: Response,
  result: PublishResult,
  describe: (finding: Finding) => DescribedFinding,
  content: Pick<ContentService, 'entry'>,
): Promise<void> {
  switch (result.status) {
    case 'published':
      res.json(200, { version: result.version, entryVersions: result.entryVersions, findings: result.findings.map(describe) });
      return;
    case 'unchanged':
      res.json(200, { version: result.version, unchanged: true });
      return;
    case 'notFound':
      res.json(404, { error: 'unknown_entry', id: result.entryId });
      return;
    case 'conflict': {
      const conflicts = await Promise.all(result.conflicts.map(async (conflict) => ({ ...conflict, live: await content.entry(conflict.entryId) })));
      res.json(409, { error: 'entry_changed', conflicts });
      return;
    }
    case 'invalid':
      res.json(422, { error: 'checks_failed', problems: result.problems, findings: result.findings.map(describe) });
      return;
    case 'warnings':
      res.json(422, { error: 'warnings_not_accepted', findings: result.findings.map(describe) });
      return;
  }
}
