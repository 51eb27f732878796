import { describe, expect, it } from 'vitest';
import { dprkPort, foldPortName } from './ports.js';

describe('dprkPort', () => {
  it('knows the DPRK\'s ports under their written variants', () => {
    for (const name of ['Nampo', "Namp'o", 'Nampho', 'NAM-PO', 'Nampo Port', '남포']) expect(dprkPort({ name })?.name, name).toBe('Nampo');
    for (const name of ['Rajin', 'Najin', 'Rason', 'Rajin-Sonbong']) expect(dprkPort({ name })?.name, name).toBe('Rajin');
    expect(dprkPort({ name: "Ch'ŏngjin" })?.name).toBe('Chongjin');
    expect(dprkPort({ name: 'Hŭngnam' })?.name).toBe('Hungnam');
    expect(dprkPort({ name: 'Wonsan' })?.name).toBe('Wonsan');
    expect(dprkPort({ name: 'Haeju' })?.name).toBe('Haeju');
    expect(dprkPort({ name: 'Songrim' })?.name).toBe('Songnim');
  });

  it('takes a KP UN/LOCODE or a DPRK country as a DPRK port, and nothing else', () => {
    expect(dprkPort({ locode: 'KPNAM' })?.name).toBe('KPNAM');
    expect(dprkPort({ name: 'Unlisted quay', country: 'KP' })?.name).toBe('Unlisted quay');
    expect(dprkPort({ name: 'Dalian', country: 'CN' })).toBeUndefined();
    expect(dprkPort({ name: 'Busan' })).toBeUndefined();
    expect(dprkPort({ name: 'Nampo' , country: 'CN' })?.name).toBe('Nampo');
  });
});

describe('foldPortName', () => {
  it('drops diacritics, apostrophes, case and the word port', () => {
    expect(foldPortName("Ch'ŏngjin Port")).toBe('chongjin');
  });
});
