import { checkSetting, settingsWithDefaults, SETTING_KEYS, type MonitorSettings, type SettingKey } from '../core/monitor-settings.js';
import { appendAudit } from './audit.js';
import { storable, type SqlClient } from './sql.js';

async function storedValue(client: SqlClient, key: string): Promise<unknown> {
  if (!storable(key)) return undefined;
  const { rows } = await client.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

/** Every setting as the rules read it, defaults filled in, through `client` (a transaction's, to decide under it). */
export async function readMonitorSettings(client: SqlClient): Promise<MonitorSettings> {
  const { rows } = await client.query<{ key: SettingKey; value: unknown }>('SELECT key, value FROM settings WHERE key = ANY($1::text[])', [SETTING_KEYS]);
  return settingsWithDefaults(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** The settings changed at run time (the four-eyes rule, the alert threshold), each change audited. */
export type MonitorSettingsSql = ReturnType<typeof createMonitorSettingsSql>;

export function createMonitorSettingsSql(sql: SqlClient) {
  return {
    /** A setting's value as stored; undefined when it was never set (`monitorSettings` gives its default). */
    getSetting(key: string): Promise<unknown> {
      return storedValue(sql, key);
    },

    /** Change a setting, checked (`checkSetting`) and audited with the value it had. */
    async setSetting(key: string, value: unknown, actor: string): Promise<void> {
      checkSetting(key, value);
      await sql.transaction(async (tx) => {
        const before = await storedValue(tx, key);
        await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()', [key, JSON.stringify(value)]);
        await appendAudit(tx, { actor, action: 'setting.change', subject: `setting:${key}`, before: { value: before ?? null }, after: { value } });
      });
    },

    /** Every setting as the rules read it, defaults filled in. */
    monitorSettings(): Promise<MonitorSettings> {
      return readMonitorSettings(sql);
    },
  };
}
