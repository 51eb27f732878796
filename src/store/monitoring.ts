import { createAlertsSql, type AlertsSql } from './alerts.js';
import { createMonitorLeaseSql, type MonitorLeaseSql } from './monitor-lease.js';
import { createMonitorRunsSql, type MonitorRunsSql } from './monitor-runs.js';
import { createMonitorSettingsSql, type MonitorSettingsSql } from './monitor-settings.js';
import { createPartiesSql, type PartiesSql } from './parties.js';
import type { SqlClient } from './sql.js';

export { ALERT_STATUSES, type AlertStatus, type Decision } from '../core/alert-review.js';
export type { MonitorSettings } from '../core/monitor-settings.js';
export type { PartyInput } from '../core/party.js';
export type { Alert, AlertQuery, NewAlert } from './alerts.js';
export type { NewRun, RunProgress, StoredRun } from './monitor-runs.js';
export type { Party, PartyImport } from './parties.js';

/**
 * Monitoring's persistence, `store.monitoring`: the parties, their alerts, the settings, the
 * re-screening runs and their lease, each its own file, seen as one over one SQL client.
 */
export type MonitoringSql = PartiesSql & AlertsSql & MonitorSettingsSql & MonitorRunsSql & MonitorLeaseSql & {
  /** Run `fn` in one transaction, with every monitoring table seen through it. */
  transaction<T>(fn: (monitoring: MonitoringSql) => Promise<T>): Promise<T>;
};

export function createMonitoringSql(sql: SqlClient): MonitoringSql {
  return {
    ...createPartiesSql(sql),
    ...createAlertsSql(sql),
    ...createMonitorSettingsSql(sql),
    ...createMonitorRunsSql(sql),
    ...createMonitorLeaseSql(sql),
    transaction: (fn) => sql.transaction((tx) => fn(createMonitoringSql(tx))),
  };
}
