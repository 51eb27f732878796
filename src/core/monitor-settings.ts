import { InputError } from './errors.js';
import { DEFAULT_CLEAR_SCORE, type FourEyesRule } from './four-eyes.js';
import { DEFAULT_THRESHOLD } from './match/thresholds.js';

/** The settings an administrator changes at run time (`interdict settings set`), each change audited. */
export const SETTING_KEYS = ['four_eyes', 'four_eyes_clear_score', 'alert_threshold'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/**
 * Monitoring's settings as its rules read them, a default for each one unset.
 *
 * @example { fourEyes: { on: true, clearScore: 0.9 }, alertThreshold: 0.8 }
 */
export interface MonitorSettings {
  fourEyes: FourEyesRule;
  /** Re-screening raises alerts at or above this score (default: the match threshold). */
  alertThreshold: number;
}

const isScore = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

/** Refuse a setting that does not exist (UNKNOWN_SETTING) or a value out of its range (INVALID_SETTING). */
export function checkSetting(key: string, value: unknown): asserts key is SettingKey {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('UNKNOWN_SETTING', `unknown setting "${key}" (${SETTING_KEYS.join(', ')})`);
  if (key === 'four_eyes' && typeof value !== 'boolean') throw new InputError('INVALID_SETTING', 'four_eyes is true or false');
  if (key !== 'four_eyes' && !isScore(value)) throw new InputError('INVALID_SETTING', `${key} is a number from 0 to 1`);
}

/**
 * The settings from their stored values: a value unset, or one the store holds but
 * `checkSetting` would refuse, gives its default, so that a bad row never turns a rule off by
 * accident or raises alerts at a nonsensical threshold.
 */
export function settingsWithDefaults(stored: Partial<Record<SettingKey, unknown>>): MonitorSettings {
  return {
    fourEyes: { on: stored.four_eyes === true, clearScore: isScore(stored.four_eyes_clear_score) ? stored.four_eyes_clear_score : DEFAULT_CLEAR_SCORE },
    alertThreshold: isScore(stored.alert_threshold) ? stored.alert_threshold : DEFAULT_THRESHOLD,
  };
}
