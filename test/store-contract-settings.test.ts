import { expect, it } from 'vitest';
import { DEFAULT_CLEAR_SCORE } from '../src/core/four-eyes.js';
import { DEFAULT_THRESHOLD } from '../src/core/match/index.js';
import { auditAfter, describeStoreContract } from './helpers/store-contract.js';

await describeStoreContract('settings', (current) => {
  it('has no value for a setting never set, and reads every default', async () => {
    const store = current();
    for (const key of ['four_eyes', 'four_eyes_clear_score', 'alert_threshold', 'no_such_setting', 'four\u0000eyes']) expect(await store.monitoring.getSetting(key), key).toBeUndefined();
    expect(await store.monitoring.monitorSettings()).toEqual({ fourEyes: { on: false, clearScore: DEFAULT_CLEAR_SCORE }, alertThreshold: DEFAULT_THRESHOLD });
  });

  it('sets, reads and changes a setting, each change audited with the value before', async () => {
    const store = current();
    const { seq } = await store.auditHead();
    await store.monitoring.setSetting('alert_threshold', 0.8, 'cli:admin');
    expect(await store.monitoring.getSetting('alert_threshold')).toBe(0.8);
    await store.monitoring.setSetting('alert_threshold', 0.85, 'cli:admin (review)');
    expect(await store.monitoring.getSetting('alert_threshold')).toBe(0.85);
    const audit = await auditAfter(store, seq);
    expect(audit.map((e) => [e.actor, e.action, e.subject, e.before, e.after])).toEqual([
      ['cli:admin', 'setting.change', 'setting:alert_threshold', { value: null }, { value: 0.8 }],
      ['cli:admin (review)', 'setting.change', 'setting:alert_threshold', { value: 0.8 }, { value: 0.85 }],
    ]);
  });

  it('reads the settings set, as the rules use them', async () => {
    const store = current();
    await store.monitoring.setSetting('four_eyes', true, 'cli:admin');
    await store.monitoring.setSetting('four_eyes_clear_score', 0.97, 'cli:admin');
    await store.monitoring.setSetting('alert_threshold', 0.7, 'cli:admin');
    expect(await store.monitoring.getSetting('four_eyes')).toBe(true);
    expect(await store.monitoring.monitorSettings()).toEqual({ fourEyes: { on: true, clearScore: 0.97 }, alertThreshold: 0.7 });
    await store.monitoring.setSetting('four_eyes', false, 'cli:admin');
    expect(await store.monitoring.getSetting('four_eyes')).toBe(false);
    expect((await store.monitoring.monitorSettings()).fourEyes).toEqual({ on: false, clearScore: 0.97 });
  });

  it('refuses an unknown setting or a bad value, and keeps the value it had, unaudited', async () => {
    const store = current();
    await store.monitoring.setSetting('alert_threshold', 0.75, 'cli:admin');
    const { seq } = await store.auditHead();
    await expect(store.monitoring.setSetting('alert-threshold', 0.8, 'cli:admin')).rejects.toThrow(expect.objectContaining({ code: 'UNKNOWN_SETTING', message: expect.stringContaining('unknown setting "alert-threshold"') }));
    for (const value of [1.5, -0.1, '0.8', null, undefined, Number.NaN]) {
      await expect(store.monitoring.setSetting('alert_threshold', value, 'cli:admin'), String(value)).rejects.toThrow(expect.objectContaining({ code: 'INVALID_SETTING', message: 'alert_threshold is a number from 0 to 1' }));
    }
    for (const value of ['true', 1, null]) {
      await expect(store.monitoring.setSetting('four_eyes', value, 'cli:admin'), String(value)).rejects.toThrow(expect.objectContaining({ code: 'INVALID_SETTING', message: 'four_eyes is true or false' }));
    }
    expect(await store.monitoring.getSetting('alert_threshold')).toBe(0.75);
    expect(await store.monitoring.getSetting('alert-threshold')).toBeUndefined();
    expect(await auditAfter(store, seq)).toEqual([]);
  });
});
