import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEAR_SCORE } from './four-eyes.js';
import { DEFAULT_THRESHOLD } from './match/thresholds.js';
import { checkSetting, settingsWithDefaults } from './monitor-settings.js';

describe('checkSetting', () => {
  it('takes four_eyes as a boolean and the scores from 0 to 1', () => {
    expect(() => checkSetting('four_eyes', true)).not.toThrow();
    expect(() => checkSetting('four_eyes', false)).not.toThrow();
    for (const key of ['four_eyes_clear_score', 'alert_threshold']) {
      for (const value of [0, 0.8, 1]) expect(() => checkSetting(key, value), `${key}=${value}`).not.toThrow();
    }
  });

  it('refuses a value out of its range or of another type, saying which setting', () => {
    for (const value of ['true', 1, null, undefined]) expect(() => checkSetting('four_eyes', value)).toThrow(expect.objectContaining({ code: 'INVALID_SETTING', message: 'four_eyes is true or false' }));
    for (const value of [-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0.8', true, null]) {
      expect(() => checkSetting('alert_threshold', value), String(value)).toThrow(expect.objectContaining({ code: 'INVALID_SETTING', message: 'alert_threshold is a number from 0 to 1' }));
    }
  });

  it('refuses a setting that does not exist, naming those that do', () => {
    expect(() => checkSetting('four-eyes', true)).toThrow(expect.objectContaining({ code: 'UNKNOWN_SETTING', message: 'unknown setting "four-eyes" (four_eyes, four_eyes_clear_score, alert_threshold)' }));
  });
});

describe('settingsWithDefaults', () => {
  it('gives every default when nothing is set', () => {
    expect(settingsWithDefaults({})).toEqual({ fourEyes: { on: false, clearScore: DEFAULT_CLEAR_SCORE }, alertThreshold: DEFAULT_THRESHOLD });
  });

  it('reads the values set', () => {
    expect(settingsWithDefaults({ four_eyes: true, four_eyes_clear_score: 0.95, alert_threshold: 0.8 })).toEqual({ fourEyes: { on: true, clearScore: 0.95 }, alertThreshold: 0.8 });
  });

  it('falls back to the default for a stored value the rule would refuse', () => {
    expect(settingsWithDefaults({ four_eyes: 'yes', four_eyes_clear_score: 3, alert_threshold: '0.8' })).toEqual({ fourEyes: { on: false, clearScore: DEFAULT_CLEAR_SCORE }, alertThreshold: DEFAULT_THRESHOLD });
  });
});
