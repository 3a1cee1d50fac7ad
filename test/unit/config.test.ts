import { describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../src/main/config/schema.js';
import { formatProblems } from '../../src/shared/validation.js';

describe('station config', () => {
  it('fills every default from the smallest file', () => {
    const cfg = stationConfigSchema.parse({ station: { id: 'S1' } });
    console.log(JSON.stringify(cfg));
  });
  it('names path, expected and found', () => {
    const bad = {station:{id:'S 1', layout:'round'}, devices:{scale:{kind:'sim', offsetG:'5'}}, packing:{weight:{toleranceG:-1}, extra:1}};
    const r = stationConfigSchema.safeParse(bad);
    if (!r.success) console.log(formatProblems('station.json', r.error, bad));
  });
});
