/**
 * Which anomaly model version the library uses (its sort, filter, badges and counts) and which one scores when no
 * name is given: a workspace setting holding the version's id, written by features/anomaly. The SQL lives here, with
 * the catalogue's other queries over anomaly scores, and features/anomaly reads the same expression.
 */
export const ACTIVE_ANOMALY_MODEL_KEY = 'anomaly.activeModel'

/** The chosen version while it exists, else the newest one (also when none was chosen); NULL without any model. */
export const ACTIVE_ANOMALY_MODEL = `(SELECT coalesce(
  (SELECT m.id FROM anomaly_models m JOIN settings st ON st.key = '${ACTIVE_ANOMALY_MODEL_KEY}' AND m.id = CAST(st.value AS INTEGER)),
  (SELECT max(id) FROM anomaly_models)))`
