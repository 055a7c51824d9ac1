/** npm run bench: every benchmark, printing numbers and ratios against baselines measured in the same run. */
import { benchHttp } from './http';
import { benchSearch } from './search';

async function main(): Promise<void> {
  console.log('# Knowledge search');
  for (const line of await benchSearch()) console.log(line);
  console.log('');
  console.log('# HTTP /api/messages');
  for (const line of await benchHttp()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
