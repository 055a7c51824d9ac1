/** The bot's entry point (npm run dev, and the tests' bot process): see main.ts. */
import { startBot } from './main';

startBot();
