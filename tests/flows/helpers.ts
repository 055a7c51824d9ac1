/** The shipped dialogs, loaded once per test file. */
import path from 'node:path';
import { loadFlows, type FlowSet } from '../../src/core/flows';

export const DIALOGS_DIR = path.join(__dirname, '..', '..', 'dialogs');

let shipped: Promise<FlowSet> | undefined;
export function shippedFlows(): Promise<FlowSet> {
  shipped ??= loadFlows(DIALOGS_DIR);
  return shipped;
}
