import type { Store } from '../store/interfaces.ts';
import { type Settings, withDefaults } from './settings.ts';

const SETTINGS_KEY = 'settings';

export async function loadSettings(store: Store, accountId: string): Promise<Settings> {
  return withDefaults(await store.settings.get(accountId, SETTINGS_KEY));
}

export async function saveSettings(
  store: Store,
  accountId: string,
  settings: Settings,
  at: string,
): Promise<void> {
  await store.settings.set(accountId, SETTINGS_KEY, settings, at);
}
