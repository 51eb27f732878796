/**
 * Every error code Interdict answers with, once: what it means and the HTTP status it is
 * answered with over the API (the command line exits 2 for 4xx causes, 1 otherwise). Errors
 * are thrown with these codes only (`InterdictError`'s code is typed by this table), and an
 * API error body is always `{"code", "detail"}`: the code from here, the detail naming what and
 * where. A client may branch on the code; the detail is for people.
 */
export const ERROR_CODES = {
  // Requests
  BAD_REQUEST: { status: 400, meaning: 'A parameter, body field or header is missing, malformed or not taken by the route; the detail names it' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body is of a type the route does not read (an upload that is neither CSV nor JSON lines)' },
  TOO_LARGE: { status: 413, meaning: 'A request body over its limit, or a list file over 1 GiB once decompressed (400 then)' },
  TOO_MUCH_WORK: { status: 400, meaning: 'A screening request asking more than REQUEST_BOUNDS allows (queries × limit, names a query, a limit under a low cutoff)' },
  NOT_FOUND: { status: 404, meaning: 'No such route, dataset, entity, version, alert, party, job or property' },
  DEADLINE: { status: 503, meaning: 'A request was not answered within its deadline (INTERDICT_REQUEST_DEADLINE), or a list upload not read within 5 minutes' },
  INTERNAL: { status: 500, meaning: 'A bug: logged with its stack, never a cause a caller can fix' },
  // Access
  UNAUTHORIZED: { status: 401, meaning: 'No API key sent, or an unknown or revoked one' },
  NO_KEYS: { status: 401, meaning: 'Access control is on and no key is active: every route but the health checks stays closed until one is created' },
  FORBIDDEN: { status: 403, meaning: 'The key\'s role is below the route\'s (reader < analyst < admin)' },
  FORBIDDEN_HOST: { status: 403, meaning: 'Without API keys, a request addressed to another name than this machine\'s (DNS rebinding)' },
  RATE_LIMITED: { status: 429, meaning: 'More requests a minute than INTERDICT_RATE_LIMIT allows, per key or per address' },
  ACTOR_REFUSED: { status: 400, meaning: 'A decision recorded under another name than the deciding key\'s' },
  UNKNOWN_KEY: { status: 400, meaning: 'An unknown or revoked API key given on the command line' },
  BAD_ROLE: { status: 400, meaning: 'A role that is not reader, analyst or admin' },
  // Screening state
  NOT_READY: { status: 503, meaning: 'The screening index is being built; retry shortly (Retry-After)' },
  NO_LISTS: { status: 503, meaning: 'No list is loaded: a screening would come back clear, so none is answered' },
  SNAPSHOT_FORMAT: { status: 500, meaning: 'An index snapshot of another format (rebuilt from the store, never trusted)' },
  SNAPSHOT_INVALID: { status: 500, meaning: 'An unreadable index snapshot (rebuilt from the store)' },
  // Lists and files
  PARSE_ERROR: { status: 400, meaning: 'A list file that cannot be read; the detail names the file and where it broke' },
  FILE_NOT_FOUND: { status: 400, meaning: 'A file that cannot be opened' },
  UNKNOWN_FORMAT: { status: 400, meaning: 'A file or folder of no list format Interdict reads' },
  INVALID_DATASET: { status: 400, meaning: 'A dataset name of other characters than lower-case letters, digits, _ . -' },
  DUPLICATE_ENTITY: { status: 400, meaning: 'A list version holding one entity id twice' },
  EMPTY_VERSION: { status: 400, meaning: 'A list version without entities (never stored)' },
  DRASTIC_CHANGE: { status: 400, meaning: 'A version removing more than INTERDICT_MAX_REMOVED_SHARE of its dataset, or in another format: loaded only with force' },
  NO_BASE_VERSION: { status: 400, meaning: 'An OpenSanctions delta for a dataset without the version it changes' },
  DATASET_MISMATCH: { status: 400, meaning: 'Two publications of different datasets given to a diff' },
  DELTA_DIFF: { status: 400, meaning: 'A delta file given to a diff (it is a diff already)' },
  DOWNLOAD_FAILED: { status: 502, meaning: 'A publisher\'s list could not be downloaded' },
  MIRROR_INCOMPLETE: { status: 400, meaning: 'A mirror folder without the file of a dataset' },
  UNKNOWN_DATASET: { status: 400, meaning: 'A dataset with no publisher source to update from' },
  WRONG_LIST: { status: 400, meaning: 'A download holding another list than the dataset\'s' },
  UPDATE_FAILED: { status: 400, meaning: 'Some datasets were not updated (each reported); their current versions stay' },
  UPDATE_RUNNING: { status: 409, meaning: 'POST /updatez while an update is running already' },
  // Customer files and queries
  EMPTY_INPUT: { status: 400, meaning: 'A customer file without a header row' },
  BAD_HEADER: { status: 400, meaning: 'A header row that cannot be read' },
  BAD_COLUMNS: { status: 400, meaning: 'A columns mapping that is not property=column' },
  UNKNOWN_COLUMN: { status: 400, meaning: 'A column named in the mapping that the header lacks' },
  NO_NAME_COLUMN: { status: 400, meaning: 'A customer file with no column of names' },
  NO_ID_COLUMN: { status: 400, meaning: 'A parties file with no id column' },
  NOT_CSV: { status: 400, meaning: 'A delimiter or columns given for a JSON lines file' },
  BAD_DELIMITER: { status: 400, meaning: 'A delimiter other than , ; | tab' },
  UNKNOWN_ENCODING: { status: 400, meaning: 'A text encoding that is not known' },
  BAD_LINES: { status: 400, meaning: 'Lines of a JSON lines input that could not be read (each reported)' },
  LINE_TOO_LONG: { status: 400, meaning: 'A line of a JSON lines input longer than its limit' },
  INVALID_JSON: { status: 400, meaning: 'A line of a JSON lines input that is not JSON' },
  INVALID_QUERY: { status: 400, meaning: 'A line of a JSON lines input that is not a query in yente\'s form' },
  BAD_ROWS: { status: 400, meaning: 'Rows of a parties file that were not imported (each reported)' },
  UNREADABLE_FILE: { status: 400, meaning: 'A customer file that stopped being readable part way; the lines after it were not screened' },
  OUTPUT_UNREADABLE: { status: 400, meaning: 'A results file to resume whose last row is not a result line' },
  UNKNOWN_SCHEMA: { status: 400, meaning: 'A schema that cannot be screened' },
  NO_QUERY: { status: 400, meaning: 'No name and no input file to match' },
  NO_INPUT: { status: 400, meaning: 'No party id given' },
  BAD_OPTION: { status: 400, meaning: 'A command-line option out of its range' },
  INVALID_REGIME: { status: 400, meaning: 'A regime\'s rules file (regimes/*.yaml) that cannot be read; the detail names the file, the measure and the field' },
  INVALID_SHIPMENT: { status: 400, meaning: 'A shipment that cannot be checked; the detail names the shipment (its id, line or item) and the field' },
  INVALID_ARTICLE: { status: 400, meaning: 'A news article that cannot be read: empty, over its size limit, or a URL that is not http(s); the detail says which' },
  INVALID_DELIVERY: { status: 400, meaning: 'A petroleum delivery that cannot be recorded; the detail names its file and line (or item) and the field' },
  INVALID_PERIOD: { status: 400, meaning: 'A year no petroleum cap covers' },
  INVALID_WORKER: { status: 400, meaning: 'A worker record that cannot be checked; the detail names the worker (its id, line or item) and the field' },
  INVALID_TRAVELLER: { status: 400, meaning: 'A traveller that cannot be checked; the detail names the traveller (its id, line or item) and the field' },
  INVALID_EXEMPTION: { status: 400, meaning: 'A travel-ban exemption that cannot be recorded; the detail names it (its reference, line or item) and the field' },
  DUPLICATE_EXEMPTION: { status: 409, meaning: 'An exemption whose reference the register holds already' },
  INVALID_CASE: { status: 400, meaning: 'A labelled pair of the evaluation (eval/cases/*.csv) that cannot be read' },
  // Monitoring, alerts and the audit trail
  INVALID_PARTY: { status: 400, meaning: 'A party with an empty or unstorable id' },
  DUPLICATE_PARTY: { status: 400, meaning: 'A parties file holding one party id twice' },
  ALERT_DECIDED: { status: 400, meaning: 'A decision on an alert that is not open' },
  ALERT_NOT_CONFIRMING: { status: 400, meaning: 'A confirmation of an alert not awaiting one' },
  FOUR_EYES: { status: 400, meaning: 'A confirmation by the analyst who made the decision: a second analyst must confirm it' },
  INVALID_DECISION: { status: 400, meaning: 'A decision other than the route takes: true_match or false_positive on an alert, same or different on a link' },
  INVALID_STATUS: { status: 400, meaning: 'An alert status that does not exist' },
  NO_NOTE: { status: 400, meaning: 'A decision without a note saying why' },
  INVALID_SETTING: { status: 400, meaning: 'A setting\'s value out of its range' },
  UNKNOWN_SETTING: { status: 400, meaning: 'A setting that does not exist' },
  AUDIT_BROKEN: { status: 409, meaning: 'The audit chain does not verify (an entry changed, removed or inserted)' },
  NO_ANCHOR: { status: 400, meaning: 'No audit anchor file given or configured' },
  ANCHOR_UNREADABLE: { status: 400, meaning: 'An audit anchor file that cannot be read' },
  ANCHOR_UNWRITABLE: { status: 400, meaning: 'An audit anchor file that cannot be written' },
  // The store and the machine
  NO_STORE: { status: 400, meaning: 'No store in the PostgreSQL schema named' },
  NO_DATABASE: { status: 400, meaning: 'A command that needs DATABASE_URL (a worker) without it' },
  INVALID_CONFIG: { status: 400, meaning: 'An environment variable out of its range' },
  STORE_OPEN: { status: 500, meaning: 'The embedded store could not be opened' },
  STORE_LOCK: { status: 500, meaning: 'The embedded store\'s folder is not its user\'s alone' },
  STORE_LOCKED: { status: 409, meaning: 'The embedded store is held by something that is not Interdict' },
  STORE_GONE: { status: 503, meaning: 'The process holding the embedded store stopped; what was not committed was rolled back' },
  STORE_IDLE: { status: 503, meaning: 'A transaction held open too long without work: the store\'s holder dropped it' },
  DISK_FULL: { status: 507, meaning: 'No room left on the disk; the detail says how much is needed' },
  INTERRUPTED: { status: 503, meaning: 'A command interrupted (Ctrl-C): nothing half-done was kept' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An API error body: the code and the detail naming what and where. */
export function errorBody(code: ErrorCode, detail: string): { code: ErrorCode; detail: string } {
  return { code, detail };
}
