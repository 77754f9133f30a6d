import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { bankPatches, falseAlarmRate, readAnomalyModel, writeAnomalyModel, type AnomalyModel, type AnomalySplit, type ImageAnomaly } from '../../engines/anomaly'
import { ApiError } from '../../../shared/api/errors'
import type { AnomalyModelSummary, AnomalyScore, AnomalyThresholdPreview } from '../../../shared/api/schemas'
import type { Db } from '../../platform/storage/database'
import { ACTIVE_ANOMALY_MODEL, ACTIVE_ANOMALY_MODEL_KEY } from '../catalog'

/**
 * Anomaly model versions (a row each in SQLite, the memory bank a file under the workspace's anomaly/ folder) and the
 * catalogue images' scores under each version.
 */

/** What a version learnt from: the label its good images carried (if any) and its pictures, banked or held out. */
export interface LearntFrom extends AnomalySplit {
  goodLabelId: number | null
}

interface ModelRow {
  id: number
  name: string
  version: number
  created_at: string
  backbone_ids: string
  good_images: number
  held_out_images: number
  patches: number
  threshold: number
  held_out_scores: string
  scored: number
  active: number
}

const SUMMARY = `SELECT m.*, (SELECT count(*) FROM anomaly_scores s WHERE s.model_id = m.id) AS scored,
                        m.id = ${ACTIVE_ANOMALY_MODEL} AS active
                 FROM anomaly_models m`

const SET_ACTIVE = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'

export class AnomalyStore {
  constructor(
    private readonly db: Db,
    readonly dir: string,
  ) {}

  list(): AnomalyModelSummary[] {
    return (this.db.prepare(`${SUMMARY} ORDER BY m.id DESC`).all() as ModelRow[]).map(summaryOf)
  }

  /**
   * The version to score with: the active one, or with a name the active one if it is of that name (the one a person
   * chose), else that name's newest.
   */
  inUse(name?: string): AnomalyModelSummary {
    const row = (
      name === undefined
        ? this.db.prepare(`${SUMMARY} WHERE m.id = ${ACTIVE_ANOMALY_MODEL}`).get()
        : this.db.prepare(`${SUMMARY} WHERE m.name = ? ORDER BY m.id = ${ACTIVE_ANOMALY_MODEL} DESC, m.version DESC LIMIT 1`).get(name)
    ) as ModelRow | undefined
    if (!row) {
      const which = name === undefined ? 'There is no anomaly model yet' : `There is no anomaly model named "${name}"`
      throw new ApiError('not_found', `${which}: learn one from good images first ("loupe anomaly fit --label good" or paths).`)
    }
    return summaryOf(row)
  }

  /**
   * Stores a fitted model as the next version of `name`: its file first, then in one transaction its row, which
   * catalogue images it learnt from (paths outside the catalogue have none to record), and it as the version in use.
   */
  async add(name: string, model: AnomalyModel, learnt: LearntFrom): Promise<AnomalyModelSummary> {
    const version = ((this.db.prepare('SELECT max(version) AS v FROM anomaly_models WHERE name = ?').get(name) as { v: number | null }).v ?? 0) + 1
    const id = ((this.db.prepare('SELECT max(id) AS id FROM anomaly_models').get() as { id: number | null }).id ?? 0) + 1
    await writeAnomalyModel(this.file(id), model)
    const backbones = model.members.map((member) => member.backbone.modelId)
    const insertModel = this.db.prepare(
      `INSERT INTO anomaly_models (id, name, version, created_at, backbone_id, backbone_ids, good_images, held_out_images, patches, threshold, held_out_scores, good_label_id, images_recorded)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    )
    // A picture given twice may be on both sides; the bank's role wins, being the one an evaluation must leave out.
    const insertImage = this.db.prepare(
      `INSERT OR REPLACE INTO anomaly_model_images (model_id, image_id, role) SELECT ?, id, ? FROM images WHERE path = ?`,
    )
    this.db.transaction(() => {
      insertModel.run(
        id,
        name,
        version,
        new Date().toISOString(),
        backbones[0],
        JSON.stringify(backbones),
        model.goodImages,
        model.heldOutImages,
        bankPatches(model),
        model.threshold,
        JSON.stringify(model.heldOutScores),
        learnt.goodLabelId,
      )
      for (const path of learnt.heldOutPaths) insertImage.run(id, 'held-out', path)
      for (const path of learnt.bankPaths) insertImage.run(id, 'bank', path)
      this.db.prepare(SET_ACTIVE).run(ACTIVE_ANOMALY_MODEL_KEY, String(id))
    })()
    return this.get(id)
  }

  /**
   * What the version learnt from: the current name of the label of its good images (null if it learnt from chosen
   * images or files, or the label is gone), and whether its bank and held-out images are recorded (not for versions
   * fitted before they were).
   */
  learntFrom(id: number): { label: string | null; imagesRecorded: boolean } {
    const row = this.db
      .prepare('SELECT l.name AS label, m.images_recorded AS recorded FROM anomaly_models m LEFT JOIN labels l ON l.id = m.good_label_id WHERE m.id = ?')
      .get(id) as { label: string | null; recorded: number } | undefined
    return { label: row?.label ?? null, imagesRecorded: row?.recorded === 1 }
  }

  /** The version with this id. */
  get(id: number): AnomalyModelSummary {
    const row = this.db.prepare(`${SUMMARY} WHERE m.id = ?`).get(id) as ModelRow | undefined
    if (!row) throw new ApiError('not_found', `There is no anomaly model ${id}: it may have been deleted.`)
    return summaryOf(row)
  }

  setActive(id: number): AnomalyModelSummary {
    this.get(id)
    this.db.prepare(SET_ACTIVE).run(ACTIVE_ANOMALY_MODEL_KEY, String(id))
    return this.get(id)
  }

  /** A person's threshold for a version, in one write; the catalogue reads `anomalous` against it from then on. */
  setThreshold(id: number, threshold: number): AnomalyModelSummary {
    const { changes } = this.db.prepare('UPDATE anomaly_models SET threshold = ? WHERE id = ?').run(threshold, id)
    if (changes === 0) throw new ApiError('not_found', `There is no anomaly model ${id}: it may have been deleted.`)
    return this.get(id)
  }

  /** What `threshold` would flag among the version's catalogue scores and cost in false alarms on its held-out goods. */
  previewThreshold(id: number, threshold: number): AnomalyThresholdPreview {
    const row = this.db
      .prepare(
        `SELECT m.held_out_scores AS heldOut, count(s.image_id) AS scored, coalesce(sum(s.score >= @threshold), 0) AS flagged, max(s.score) AS highest
         FROM anomaly_models m LEFT JOIN anomaly_scores s ON s.model_id = m.id WHERE m.id = @id GROUP BY m.id`,
      )
      .get({ id, threshold }) as { heldOut: string; scored: number; flagged: number; highest: number | null } | undefined
    if (!row) throw new ApiError('not_found', `There is no anomaly model ${id}: it may have been deleted.`)
    const heldOut = JSON.parse(row.heldOut) as number[]
    return {
      threshold,
      falseAlarmRate: falseAlarmRate(heldOut, threshold),
      flagged: row.flagged,
      scoredImages: row.scored,
      highestScore: Math.max(row.highest ?? 0, ...heldOut),
    }
  }

  open(id: number): Promise<AnomalyModel> {
    return readAnomalyModel(this.file(id))
  }

  /** Deletes a version, its scores and its file; deleting the active one leaves the newest remaining in use. */
  async remove(id: number): Promise<void> {
    const changes = this.db.transaction(() => {
      this.db.prepare('DELETE FROM settings WHERE key = ? AND value = ?').run(ACTIVE_ANOMALY_MODEL_KEY, String(id))
      return this.db.prepare('DELETE FROM anomaly_models WHERE id = ?').run(id).changes
    })()
    if (changes === 0) throw new ApiError('not_found', `There is no anomaly model ${id}.`)
    await rm(this.file(id), { force: true })
  }

  /** Replaces the model's scores of these images, in one transaction. */
  saveScores(modelId: number, scored: ReadonlyArray<{ imageId: number; anomaly: ImageAnomaly }>): void {
    const upsert = this.db.prepare('INSERT OR REPLACE INTO anomaly_scores (model_id, image_id, score, regions) VALUES (?, ?, ?, ?)')
    this.db.transaction(() => {
      for (const { imageId, anomaly } of scored) upsert.run(modelId, imageId, anomaly.score, JSON.stringify(anomaly.regions))
    })()
  }

  /** Every scored catalogue image under the model, highest first; `threshold` decides `anomalous` and the regions kept. */
  scores(modelId: number, threshold: number): AnomalyScore[] {
    const rows = this.db
      .prepare(
        `SELECT s.image_id AS imageId, i.path AS path, s.score AS score, s.regions AS regions
         FROM anomaly_scores s JOIN images i ON i.id = s.image_id WHERE s.model_id = ? ORDER BY s.score DESC, s.image_id`,
      )
      .all(modelId) as Array<{ imageId: number; path: string; score: number; regions: string }>
    return rows.map((row) => ({
      path: row.path,
      imageId: row.imageId,
      score: row.score,
      anomalous: row.score >= threshold,
      regions: (JSON.parse(row.regions) as AnomalyScore['regions']).filter((region) => region.score >= threshold),
    }))
  }

  private file(id: number): string {
    return join(this.dir, `${id}.anomaly`)
  }
}

function summaryOf(row: ModelRow): AnomalyModelSummary {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    createdAt: row.created_at,
    backbones: JSON.parse(row.backbone_ids) as string[],
    goodImages: row.good_images,
    heldOutImages: row.held_out_images,
    patches: row.patches,
    threshold: row.threshold,
    falseAlarmRate: falseAlarmRate(JSON.parse(row.held_out_scores) as number[], row.threshold),
    scoredImages: row.scored,
    active: row.active === 1,
  }
}
