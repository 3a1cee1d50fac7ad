// One i18next instance per app (no global init), handed to React through I18nextProvider.
import i18next, { type i18n as I18n } from 'i18next';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../store.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const resources = { 'zh-CN': zhCN, en } as const;

export function createI18n(locale: Locale = DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    // Resources are in memory: initialise synchronously so the first render is already translated.
    initAsync: false,
    // React escapes text itself; escaping here would show &lt; in product titles.
    interpolation: { escapeValue: false },
    // A parameter the core did not send shows as a dash rather than as a raw {{placeholder}}.
    missingInterpolationHandler: () => '—',
    returnNull: false,
  });
  return instance;
}

const STORAGE_KEY = 'packdesk.locale';

export function loadLocale(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Locale {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function saveLocale(locale: Locale, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (private mode, locked-down kiosk profile); the switch still works for the session.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Every key as a dotted path, for parity checks. */
export function flattenKeys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : flattenKeys(v as object, `${prefix}${k}.`),
  );
}
