/** The staff settings every instance shares: the controls and the inbox's dismissals (see shared-settings.ts). */
import path from 'node:path';
import { createStateStore, type StateSetting } from '../state/create';
import type { StateStore } from '../state/types';
import { botControlsSchema, NO_CONTROLS, type BotControls } from '../engine/controls-schema';
import { dismissalsSchema, NO_DISMISSALS, type Dismissals } from './dismissals';
import { FileDocumentStore } from './file-documents';
import { SharedSetting } from './shared-settings';

export interface StaffSettings {
  controls: SharedSetting<BotControls>;
  dismissals: SharedSetting<Dismissals>;
}

/** Blob storage shares the settings with every instance; locally they are files under DATA_DIR/staff. */
export function settingsStore(storage: StateSetting, dataDir: string): StateStore {
  return storage.kind === 'blob' ? createStateStore(storage) : new FileDocumentStore(path.join(dataDir, 'staff'));
}

export function createStaffSettings(store: StateStore, options: { refreshMs?: number; onError?: (error: unknown) => void } = {}): StaffSettings {
  return {
    controls: new SharedSetting<BotControls>({ store, key: 'staff/controls', schema: botControlsSchema, initial: NO_CONTROLS, ...options }),
    dismissals: new SharedSetting<Dismissals>({ store, key: 'staff/inbox-dismissals', schema: dismissalsSchema, initial: NO_DISMISSALS, ...options }),
  };
}
