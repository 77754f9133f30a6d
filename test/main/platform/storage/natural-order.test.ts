import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { naturalKey, registerNaturalKey } from '../../../../src/main/platform/storage/natural-order'

const byKey = (names: string[]) => [...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0))

describe('natural order of names', () => {
  it('puts a smaller number first whatever its number of digits', () => {
    expect(byKey(['crazing_10.jpg', 'crazing_2.jpg', 'crazing_1.jpg', 'crazing_100.jpg', 'crazing_20.jpg'])).toEqual([
      'crazing_1.jpg',
      'crazing_2.jpg',
      'crazing_10.jpg',
      'crazing_20.jpg',
      'crazing_100.jpg',
    ])
  })

  it('compares every number in a name, ignores case, and puts a name before the longer names it starts', () => {
    expect(byKey(['img2_b10', 'IMG2_b9', 'img10_a1', 'img', 'Img2'])).toEqual(['img', 'Img2', 'IMG2_b9', 'img2_b10', 'img10_a1'])
  })

  it('keeps names that differ only in leading zeros apart, in one order', () => {
    expect(naturalKey('a01')).not.toBe(naturalKey('a1'))
    expect(byKey(['a01', 'a1', 'a002', 'a3'])).toEqual(['a1', 'a01', 'a002', 'a3'])
  })

  it('sorts in SQL through the function registered on a connection', () => {
    const db = new Database(':memory:')
    try {
      registerNaturalKey(db)
      db.exec('CREATE TABLE names (name TEXT)')
      const insert = db.prepare('INSERT INTO names VALUES (?)')
      for (const name of ['patches_11', 'patches_3', null, 'patches_1']) insert.run(name)
      const sorted = db.prepare('SELECT name FROM names ORDER BY natural_key(name)').pluck().all()
      expect(sorted).toEqual([null, 'patches_1', 'patches_3', 'patches_11'])
    } finally {
      db.close()
    }
  })
})
