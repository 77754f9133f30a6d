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
  {
    version: 4,
    name: 'dicom',
    sql: `
      -- A multi-frame DICOM file gives one image per frame: images gets a frame number, and (path, frame) replaces
      -- path as what is unique. SQLite cannot drop a UNIQUE constraint, so images is rebuilt. Dropping it deletes (and
      -- so cascades to) every row that refers to an image, and foreign keys cannot be switched off inside the
      -- migration's transaction: those rows are kept aside first and put back after, under the same ids.
      CREATE TEMP TABLE m4_image_labels AS SELECT * FROM image_labels;
      CREATE TEMP TABLE m4_boxes AS SELECT * FROM boxes;
      CREATE TEMP TABLE m4_annotation_history AS SELECT * FROM annotation_history;
      CREATE TEMP TABLE m4_embeddings AS SELECT * FROM embeddings;
      CREATE TEMP TABLE m4_import_items AS SELECT job_id, seq, image_id FROM import_items WHERE image_id IS NOT NULL;

      CREATE TABLE images_v4 (
        id            INTEGER PRIMARY KEY,
        path          TEXT    NOT NULL,
        frame         INTEGER NOT NULL DEFAULT 0 CHECK (frame >= 0),
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
        missing       INTEGER NOT NULL DEFAULT 0,
        UNIQUE (path, frame)
      );
      INSERT INTO images_v4 (id, path, frame, file_name, content_hash, bytes, width, height, format, orientation,
                             added_at, status, missing)
        SELECT id, path, 0, file_name, content_hash, bytes, width, height, format, orientation, added_at, status, missing
        FROM images;
      DROP TABLE images;
      ALTER TABLE images_v4 RENAME TO images;
      CREATE INDEX images_by_name   ON images (file_name, id);
      CREATE INDEX images_by_bytes  ON images (bytes, id);
      CREATE INDEX images_by_status ON images (status, id);
      CREATE INDEX images_missing   ON images (id) WHERE missing <> 0;

      INSERT INTO image_labels SELECT * FROM m4_image_labels;
      INSERT INTO boxes SELECT * FROM m4_boxes;
      INSERT INTO annotation_history SELECT * FROM m4_annotation_history;
      INSERT INTO embeddings SELECT * FROM m4_embeddings;
      UPDATE import_items SET image_id = (
        SELECT m.image_id FROM m4_import_items m WHERE m.job_id = import_items.job_id AND m.seq = import_items.seq
      ) WHERE EXISTS (SELECT 1 FROM m4_import_items m WHERE m.job_id = import_items.job_id AND m.seq = import_items.seq);
      DROP TABLE m4_image_labels;
      DROP TABLE m4_boxes;
      DROP TABLE m4_annotation_history;
      DROP TABLE m4_embeddings;
      DROP TABLE m4_import_items;

      -- How many catalogue images an imported file gave (its frames); NULL on rows from before means one.
      ALTER TABLE import_items ADD COLUMN images INTEGER;

      -- Patient, study and series of DICOM images, so that they can be grouped without reading the files. Texts as the
      -- file has them (names in DICOM's Family^Given form); dates as YYYYMMDD.
      CREATE TABLE dicom_images (
        image_id            INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
        patient_id          TEXT,
        patient_name        TEXT,
        study_uid           TEXT,
        study_date          TEXT,
        study_description   TEXT,
        series_uid          TEXT,
        series_number       INTEGER,
        series_description  TEXT,
        modality            TEXT,
        sop_instance_uid    TEXT,
        instance_number     INTEGER,
        frame_count         INTEGER NOT NULL DEFAULT 1,
        transfer_syntax     TEXT
      );
      CREATE INDEX dicom_images_by_series ON dicom_images (study_uid, series_uid, instance_number);
    `,
  },
  {
    version: 5,
    name: 'models and predictions',
    sql: `
      -- Classifier heads trained on (or imported for) a backbone's embeddings. Each row is one version, with what it
      -- was trained on, how it did on its validation split, its learning curves and its weights (src/main/training,
      -- network.ts: a small JSON header, then float32 kernels and biases). At most one version is active.
      CREATE TABLE classifiers (
        id           INTEGER PRIMARY KEY,
        created_at   TEXT    NOT NULL,
        origin       TEXT    NOT NULL CHECK (origin IN ('trained', 'imported')),
        backbone_id  TEXT    NOT NULL,
        samples      TEXT    NOT NULL CHECK (samples IN ('images', 'boxes')),
        classes      TEXT    NOT NULL,
        train_count  INTEGER NOT NULL,
        val_count    INTEGER NOT NULL,
        epochs       INTEGER NOT NULL,
        best_epoch   INTEGER NOT NULL,
        stopped_by   TEXT    NOT NULL,
        val_accuracy REAL,
        seconds      REAL    NOT NULL,
        options      TEXT    NOT NULL,
        counts       TEXT    NOT NULL,
        metrics      TEXT,
        curves       TEXT    NOT NULL,
        weights      BLOB    NOT NULL,
        active       INTEGER NOT NULL DEFAULT 0,
        job_id       INTEGER REFERENCES jobs (id) ON DELETE SET NULL
      );
      CREATE UNIQUE INDEX classifiers_one_active ON classifiers (active) WHERE active = 1;

      -- Loss and accuracy of each epoch of a training job, written as it runs, for live and reopened curves.
      CREATE TABLE training_epochs (
        job_id          INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        epoch           INTEGER NOT NULL,
        train_loss      REAL    NOT NULL,
        train_accuracy  REAL    NOT NULL,
        val_loss        REAL    NOT NULL,
        val_accuracy    REAL    NOT NULL,
        elapsed         REAL    NOT NULL,
        PRIMARY KEY (job_id, epoch)
      ) WITHOUT ROWID;

      -- The active classifier's prediction for each image (replaced whole when another version becomes active), and
      -- the file version it was computed from.
      CREATE TABLE predictions (
        image_id       INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
        classifier_id  INTEGER NOT NULL REFERENCES classifiers (id) ON DELETE CASCADE,
        content_hash   TEXT    NOT NULL,
        label          TEXT    NOT NULL,
        confidence     REAL    NOT NULL,
        margin         REAL    NOT NULL,
        created_at     TEXT    NOT NULL
      );
      CREATE INDEX predictions_by_label ON predictions (label, confidence);
      CREATE INDEX predictions_by_confidence ON predictions (confidence, image_id);

      -- Embeddings of box crops (training on boxes), keyed by the box and the geometry and file they were made from.
      CREATE TABLE box_embeddings (
        model_id    TEXT    NOT NULL,
        box_id      INTEGER NOT NULL REFERENCES boxes (id) ON DELETE CASCADE,
        source      TEXT    NOT NULL,
        vector      BLOB    NOT NULL,
        created_at  TEXT    NOT NULL,
        PRIMARY KEY (model_id, box_id)
      ) WITHOUT ROWID;

      -- Boxes proposed by an object detector, shown for a person to accept (becoming a real box) or reject.
      CREATE TABLE box_suggestions (
        id          INTEGER PRIMARY KEY,
        image_id    INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        detector    TEXT    NOT NULL,
        label       TEXT    NOT NULL,
        score       REAL    NOT NULL,
        x           REAL    NOT NULL,
        y           REAL    NOT NULL,
        width       REAL    NOT NULL,
        height      REAL    NOT NULL,
        state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
        box_id      INTEGER,
        created_at  TEXT    NOT NULL
      );
      CREATE INDEX box_suggestions_by_image ON box_suggestions (image_id, state);
    `,
  },
  {
    version: 6,
    name: 'embedding freshness index',
    sql: `
      -- The approximate index checks whether it is stale from the newest embedding; without this that is a full scan.
      CREATE INDEX embeddings_by_model_time ON embeddings (model_id, created_at);
    `,
  },
  {
    version: 7,
    name: 'label-next queue rank',
    sql: `
      -- Place in the label-next queue (1 first) of the most uncertain unlabelled images, ordered greedily so that
      -- near-identical ones do not come in a row; set when predictions are refreshed, NULL for the rest, which follow
      -- by uncertainty. Paging through the queue then reads an index instead of redoing that greedy pass per page.
      ALTER TABLE predictions ADD COLUMN queue_rank INTEGER;
      CREATE INDEX predictions_by_queue_rank ON predictions (queue_rank) WHERE queue_rank IS NOT NULL;
      CREATE INDEX predictions_by_margin ON predictions (margin, image_id);
    `,
  },
  {
    version: 8,
    name: 'workspace settings',
    sql: `
      -- Choices that belong to the workspace rather than to one app window, e.g. the backbone search embeds with
      -- (key 'search.model'); absent keys mean the default.
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    name: 'box embeddings by box',
    sql: `
      -- Deleting a box (deleteBoxes, undoing addBox) deletes its crop embeddings through the foreign key; their key
      -- starts with the model, so without this every such edit read the whole table.
      CREATE INDEX box_embeddings_by_box ON box_embeddings (box_id);
    `,
  },
  {
    version: 10,
    name: 'anomaly models and scores',
    sql: `
      -- Anomaly models (PatchCore): one row per version of a named model; the memory bank itself is a file under the
      -- workspace (anomaly/<id>.anomaly), too large for a row and only ever read whole.
      CREATE TABLE anomaly_models (
        id                INTEGER PRIMARY KEY,
        name              TEXT    NOT NULL,
        version           INTEGER NOT NULL,
        created_at        TEXT    NOT NULL,
        backbone_id       TEXT    NOT NULL,
        good_images       INTEGER NOT NULL,
        held_out_images   INTEGER NOT NULL,
        patches           INTEGER NOT NULL,
        threshold         REAL    NOT NULL,
        held_out_scores   TEXT    NOT NULL,
        UNIQUE (name, version)
      );
      -- Every catalogue image's score under a model version, so the library can sort and filter by it.
      CREATE TABLE anomaly_scores (
        model_id   INTEGER NOT NULL REFERENCES anomaly_models (id) ON DELETE CASCADE,
        image_id   INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        score      REAL    NOT NULL,
        regions    TEXT    NOT NULL,
        PRIMARY KEY (model_id, image_id)
      ) WITHOUT ROWID;
      CREATE INDEX anomaly_scores_by_score ON anomaly_scores (model_id, score DESC);
      CREATE INDEX anomaly_scores_by_image ON anomaly_scores (image_id);
    `,
  },
  {
    version: 11,
    name: 'what each anomaly model learnt from',
    sql: `
      -- The label a version learnt "good" from (null: chosen images or outside files, or the label is gone): an
      -- evaluation takes that label as its good images unless told another.
      ALTER TABLE anomaly_models ADD COLUMN good_label_id INTEGER REFERENCES labels (id) ON DELETE SET NULL;
      -- 1 for versions fitted since their images are recorded below; one fitted before cannot be evaluated fairly.
      ALTER TABLE anomaly_models ADD COLUMN images_recorded INTEGER NOT NULL DEFAULT 0;
      -- The catalogue images a version learnt from: in its memory bank (learnt from, so an evaluation
      -- leaves them out) or held out to set its threshold (unseen, so fair to evaluate on). Outside files have no row.
      CREATE TABLE anomaly_model_images (
        model_id  INTEGER NOT NULL REFERENCES anomaly_models (id) ON DELETE CASCADE,
        image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        role      TEXT    NOT NULL CHECK (role IN ('bank', 'held-out')),
        PRIMARY KEY (model_id, image_id)
      ) WITHOUT ROWID;
      CREATE INDEX anomaly_model_images_by_image ON anomaly_model_images (image_id);
    `,
  },
  {
    version: 12,
    name: 'box detectors and their detections',
    sql: `
      -- Box detectors: a head trained (or imported) on a backbone's stride-16 and stride-32 feature maps, one row per
      -- version, with how it was trained, its evaluation on its validation images and its weights (engines/detection,
      -- head.ts: a JSON header, then float32 tensors). At most one version is active, as for classifiers.
      CREATE TABLE detectors (
        id               INTEGER PRIMARY KEY,
        created_at       TEXT    NOT NULL,
        origin           TEXT    NOT NULL CHECK (origin IN ('trained', 'imported')),
        backbone_id      TEXT    NOT NULL,
        classes          TEXT    NOT NULL,
        train_images     INTEGER NOT NULL,
        val_images       INTEGER NOT NULL,
        epochs           INTEGER NOT NULL,
        best_epoch       INTEGER NOT NULL,
        stopped_by       TEXT    NOT NULL,
        val_map50        REAL,
        score_threshold  REAL    NOT NULL DEFAULT 0.3,
        seconds          REAL    NOT NULL,
        options          TEXT    NOT NULL,
        evaluation       TEXT,
        curves           TEXT    NOT NULL,
        head             BLOB    NOT NULL,
        active           INTEGER NOT NULL DEFAULT 0,
        job_id           INTEGER REFERENCES jobs (id) ON DELETE SET NULL
      );
      CREATE UNIQUE INDEX detectors_one_active ON detectors (active) WHERE active = 1;

      -- Loss and validation mAP50 of each epoch of a detector training job, written as it runs.
      CREATE TABLE detector_epochs (
        job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        epoch       INTEGER NOT NULL,
        train_loss  REAL    NOT NULL,
        val_loss    REAL    NOT NULL,
        val_map50   REAL    NOT NULL,
        elapsed     REAL    NOT NULL,
        PRIMARY KEY (job_id, epoch)
      ) WITHOUT ROWID;

      -- Boxes a detector version found on catalogue images (the 'detect' job), in image pixels, with the file version
      -- they were computed from: the library's "found by the detector" filter and its sort by score.
      CREATE TABLE detections (
        id            INTEGER PRIMARY KEY,
        detector_id   INTEGER NOT NULL REFERENCES detectors (id) ON DELETE CASCADE,
        image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        content_hash  TEXT    NOT NULL,
        label         TEXT    NOT NULL,
        score         REAL    NOT NULL,
        x             REAL    NOT NULL,
        y             REAL    NOT NULL,
        width         REAL    NOT NULL,
        height        REAL    NOT NULL
      );
      CREATE INDEX detections_by_label ON detections (detector_id, label, score DESC, image_id);
      CREATE INDEX detections_by_image ON detections (image_id, detector_id);
    `,
  },
  {
    version: 13,
    name: 'dicom slice geometry',
    sql: `
      -- Where each DICOM image (frame) lies in the patient, so that a series is put in reading order without reading
      -- its files again. Filled the first time the image's series is stacked; a row whose content_hash is no longer
      -- the image's (the file changed) is read again. Vectors as JSON arrays; NULL where the file gives none.
      CREATE TABLE dicom_geometry (
        image_id                INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
        content_hash            TEXT    NOT NULL,
        position                TEXT,
        orientation             TEXT,
        slice_location          REAL,
        frame_of_reference_uid  TEXT,
        frame_time_ms           REAL
      );
    `,
  },
  {
    version: 14,
    name: 'measurements',
    sql: `
      -- Lengths, rectangle and ellipse regions and angles drawn on an image (the reader's measurements), in image
      -- pixels: points is a JSON array of {x, y}, 2 or 3 of them by kind. Their values (mm, HU…) are worked out when
      -- read (shared/measure), never stored, so they follow the file. Edited and undone with the image's boxes.
      CREATE TABLE measurements (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        image_id    INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        kind        TEXT    NOT NULL CHECK (kind IN ('length', 'rectangle', 'ellipse', 'angle')),
        points      TEXT    NOT NULL,
        created_at  TEXT    NOT NULL
      );
      CREATE INDEX measurements_by_image ON measurements (image_id, id);
    `,
  },
  {
    version: 15,
    name: 'embedding map',
    sql: `
      -- The embedding map of a model: a layout (its seed) and each embedded image's place in [0, 1]², with the file
      -- version its embedding was of (a point whose image changed since is placed again). Anchors are the points UMAP's
      -- fit laid out (all of them, or its sample of a large set): images indexed later are placed among them.
      CREATE TABLE map_layouts (
        model_id     TEXT    PRIMARY KEY,
        seed         INTEGER NOT NULL,
        computed_at  TEXT    NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE map_points (
        model_id      TEXT    NOT NULL REFERENCES map_layouts (model_id) ON DELETE CASCADE,
        image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
        content_hash  TEXT    NOT NULL,
        x             REAL    NOT NULL,
        y             REAL    NOT NULL,
        anchor        INTEGER NOT NULL CHECK (anchor IN (0, 1)),
        PRIMARY KEY (model_id, image_id)
      ) WITHOUT ROWID;
      CREATE INDEX map_points_by_image ON map_points (image_id);
    `,
  },
  {
    version: 16,
    name: 'job headings',
    sql: `
      -- A job's title as data (a message id and its values, JSON), which a window says in its own language; the English
      -- title stays beside it for the CLI. Null for jobs stored before.
      ALTER TABLE jobs ADD COLUMN heading TEXT;
    `,
  },
  {
    version: 17,
    name: 'shapes and carried fields',
    sql: `
      -- An object is a box that may carry a shape (its box is then the shape's bounds): JSON, {"kind":"polygons",
      -- "polygons":[[x1,y1,x2,y2,...],...]} or {"kind":"mask","rle":{"size":[h,w],"counts":[...]}} with uncompressed
      -- counts. crowd is COCO's iscrowd. extra (JSON object, null when empty) holds what the source file said that
      -- Loupe does not use (COCO's area and unknown fields, VOC's difficult, truncated, pose), written back on export.
      ALTER TABLE boxes ADD COLUMN shape TEXT;
      ALTER TABLE boxes ADD COLUMN crowd INTEGER NOT NULL DEFAULT 0 CHECK (crowd IN (0, 1));
      ALTER TABLE boxes ADD COLUMN extra TEXT;
      -- The same for an image (COCO's license, date_captured, coco_url, flickr_url…) and a class (supercategory…).
      ALTER TABLE images ADD COLUMN extra TEXT;
      ALTER TABLE labels ADD COLUMN extra TEXT;
      -- A dataset's own fields by format (COCO's info, licenses and unknown top-level keys), the latest import's.
      CREATE TABLE dataset_fields (
        format  TEXT NOT NULL,
        key     TEXT NOT NULL,
        value   TEXT NOT NULL,
        PRIMARY KEY (format, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 18,
    name: 'anomaly models of two backbones',
    sql: `
      -- JSON array of the image models an anomaly version learnt with, in the order its file holds their banks;
      -- backbone_id stays the first of them.
      ALTER TABLE anomaly_models ADD COLUMN backbone_ids TEXT;
      UPDATE anomaly_models SET backbone_ids = json_array(backbone_id);
    `,
  },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version
