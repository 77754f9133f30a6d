/**
 * Numbered, append-only schema migrations. A shipped migration is never edited: later changes are new entries.
 * `PRAGMA user_version` records the last one applied.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'catalogue',
    sql: `
      CREATE TABLE images (
        id            INTEGER PRIMARY KEY,
        path          TEXT    NOT NULL UNIQUE,
        file_name     TEXT    NOT NULL,
        content_hash  TEXT    NOT NULL UNIQUE,
        bytes         INTEGER NOT NULL,
        width         INTEGER NOT NULL,
        height        INTEGER NOT NULL,
        format        TEXT    NOT NULL,
        orientation   INTEGER NOT NULL DEFAULT 1,
        added_at      TEXT    NOT NULL,
        status        TEXT    NOT NULL DEFAULT 'unlabelled'
                      CHECK (status IN ('unlabelled', 'in_progress', 'labelled', 'reviewed', 'needs_fix')),
        missing       INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX images_by_name   ON images (file_name, id);
      CREATE INDEX images_by_bytes  ON images (bytes, id);
      CREATE INDEX images_by_status ON images (status, id);
      CREATE INDEX images_missing   ON images (id) WHERE missing <> 0;

      CREATE TABLE labels (
        id          INTEGER PRIMARY KEY,
        name        TEXT    NOT NULL UNIQUE,
        color       TEXT    NOT NULL,
        hotkey      TEXT    UNIQUE,
        created_at  TEXT    NOT NULL
      );

      CREATE TABLE image_labels (
        image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        label_id  INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
        PRIMARY KEY (image_id, label_id)
      ) WITHOUT ROWID;
      CREATE INDEX image_labels_by_label ON image_labels (label_id, image_id);

      -- AUTOINCREMENT: a box id is never reused, so undo/redo can put a box back under its own id safely.
      CREATE TABLE boxes (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        image_id    INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        label_id    INTEGER REFERENCES labels (id) ON DELETE SET NULL,
        x           REAL    NOT NULL,
        y           REAL    NOT NULL,
        width       REAL    NOT NULL CHECK (width > 0),
        height      REAL    NOT NULL CHECK (height > 0),
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL
      );
      CREATE INDEX boxes_by_image ON boxes (image_id);
      CREATE INDEX boxes_by_label ON boxes (label_id, image_id);

      CREATE TABLE jobs (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL,
        title       TEXT    NOT NULL,
        state       TEXT    NOT NULL
                    CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
        params      TEXT    NOT NULL,
        done        INTEGER NOT NULL DEFAULT 0,
        total       INTEGER NOT NULL DEFAULT 0,
        result      TEXT,
        error       TEXT,
        created_at  TEXT    NOT NULL,
        updated_at  TEXT    NOT NULL
      );

      -- The work list of an import job, so that a cancelled or killed import resumes where it stopped.
      CREATE TABLE import_items (
        job_id    INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        path      TEXT    NOT NULL,
        label     TEXT,
        state     TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'added', 'duplicate', 'relinked', 'failed')),
        reason    TEXT,
        image_id  INTEGER REFERENCES images (id) ON DELETE SET NULL,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX import_items_pending ON import_items (job_id, state, seq);
    `,
  },
  {
    version: 2,
    name: 'annotation history',
    sql: `
      -- Per-image undo/redo, kept in the catalogue so it survives navigation, reloads and crashes. Each entry holds
      -- the change both ways; boxes are referenced with their class by name so a later class edit cannot break it.
      CREATE TABLE annotation_history (
        id          INTEGER PRIMARY KEY,
        image_id    INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        forward     TEXT    NOT NULL,
        backward    TEXT    NOT NULL,
        undone      INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT    NOT NULL
      );
      CREATE INDEX annotation_history_by_image ON annotation_history (image_id, id);
    `,
  },
  {
    version: 3,
    name: 'embeddings',
    sql: `
      -- One L2-normalised embedding per image and model, as little-endian float32. The content hash says which
      -- version of the file it was computed from, so an image edited in place is embedded again.
      CREATE TABLE embeddings (
        model_id      TEXT    NOT NULL,
        image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        content_hash  TEXT    NOT NULL,
        vector        BLOB    NOT NULL,
        created_at    TEXT    NOT NULL,
        PRIMARY KEY (model_id, image_id)
      ) WITHOUT ROWID;
      CREATE INDEX embeddings_by_image ON embeddings (image_id);
    `,
  },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version
