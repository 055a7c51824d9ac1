/** Where the CLIs find content: the same variables the bot reads, with the same defaults. */
import path from 'node:path';

export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.KNOWLEDGE_DIR ?? 'knowledge');
}
