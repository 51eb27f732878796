import { describe, expect, it } from 'vitest';
import { vesselNames } from './vessel-names.js';

describe('vesselNames', () => {
  it('drops type prefixes and takes former names apart', () => {
    expect(vesselNames('M/V Asia Bridge (ex Asia Bridge 2)')).toEqual({ name: 'Asia Bridge', former: ['Asia Bridge 2'] });
    expect(vesselNames('MV YU JONG 2')).toEqual({ name: 'YU JONG 2', former: [] });
    expect(vesselNames('SHIP CHON MYONG 1')).toEqual({ name: 'CHON MYONG 1', former: [] });
    expect(vesselNames('M.V. KOTI')).toEqual({ name: 'KOTI', former: [] });
    expect(vesselNames('MT Sea Star ex-Ocean Glory')).toEqual({ name: 'Sea Star', former: ['Ocean Glory'] });
  });

  it('keeps names that only start like a prefix', () => {
    expect(vesselNames('Maven').name).toBe('Maven');
    expect(vesselNames('Mvula').name).toBe('Mvula');
  });
});
