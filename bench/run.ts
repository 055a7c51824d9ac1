/**
 * npm run bench: every benchmark, printing numbers and ratios against baselines measured
 * in the same run. `npm run bench -- http` runs only the HTTP part (search, http, memory, startup).
 */
import { benchConversations } from './conversations';
import { benchDecide } from './decide';
import { benchHttp } from './http';
import { benchNeighbours } from './neighbours';
import { benchProfile } from './profile';
import { benchSearch } from './search';
import { benchStartup } from './startup';

const PARTS: Record<string, { title: string; run: () => Promise<string[]> }> = {
  search: { title: 'Knowledge search', run: benchSearch },
  decide: { title: 'One decision on real messages: short, long, follow-ups (CPU per decision)', run: benchDecide },
  http: { title: 'HTTP /api/messages: echo bot vs full bot, separate processes', run: benchHttp },
  memory: { title: 'Memory: 1,000 vs 20,000 conversations', run: benchConversations },
  startup: { title: 'Start to /readyz (compiling, and with compiled content) and reload to live', run: benchStartup },
  neighbours: { title: 'Students\' turns while the staff console\'s confusable neighbours are worked out', run: benchNeighbours },
  // Only when named: a diagnosis, not a measurement with a baseline.
  profile: { title: 'CPU profile of the full bot under HTTP load', run: benchProfile },
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in PARTS));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; choose from ${Object.keys(PARTS).join(', ')}`);
  for (const [name, part] of Object.entries(PARTS)) {
    if (wanted.length > 0 ? !wanted.includes(name) : name === 'profile') continue;
    console.log(`# ${part.title}`);
    for (const line of await part.run()) console.log(line);
    console.log('');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
