import type { scanZhCN } from './scan.zh-CN.js';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const scanEn: Strings<typeof scanZhCN> = {
  misread: 'Incomplete scan — scan again',
  toast: {
    redirected: 'Back on the pack screen to handle this scan: {{code}}',
    redirectedFrom: '(scans are not carried out on the {{screen}})',
    ignored:
      'Scans are not used on the settings screen: {{code}}. No field was changed; go back to the pack screen and scan again.',
    misread: 'Incomplete scan — scan again',
    dismiss: 'OK',
  },
  screen: { sheet: 'barcode sheet', settings: 'device settings', supervisor: 'supervisor view', pack: 'pack screen' },
};
