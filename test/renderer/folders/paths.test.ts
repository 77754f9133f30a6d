import { describe, expect, it } from 'vitest'
import { newFolderProblem, newFolderTarget } from '../../../src/renderer/src/folders/newFolder'
import { baseName, joinPath, looksLikeImageFile, looksLikeJsonFile, parentOf } from '../../../src/renderer/src/folders/paths'

describe('host paths, POSIX or Windows', () => {
  it('finds the folder a path is in', () => {
    expect(parentOf('/a/b/c.json')).toBe('/a/b')
    expect(parentOf('/a/b/')).toBe('/a')
    expect(parentOf('/a')).toBe('/')
    expect(parentOf('C:\\data\\cats')).toBe('C:\\data')
    expect(parentOf('C:\\data')).toBe('C:\\')
    expect(parentOf('relative')).toBe('')
  })

  it('takes the last part of a path', () => {
    expect(baseName('/a/b/')).toBe('b')
    expect(baseName('C:\\data\\cat.jpg')).toBe('cat.jpg')
  })

  it('joins with the separator the folder already uses', () => {
    expect(joinPath('/a/b', 'c')).toBe('/a/b/c')
    expect(joinPath('/', 'c')).toBe('/c')
    expect(joinPath('C:\\data', 'out')).toBe('C:\\data\\out')
    expect(joinPath('/a', '')).toBe('/a')
    expect(joinPath('', 'c')).toBe('c')
  })

  it('tells images and JSON files by their names', () => {
    expect(looksLikeImageFile(' photo.JPEG ')).toBe(true)
    expect(looksLikeImageFile('scan.dcm')).toBe(false)
    expect(looksLikeJsonFile('instances.json')).toBe(true)
  })
})

describe('a new folder to write into', () => {
  it('is made inside the folder chosen, or is that folder itself when unnamed', () => {
    expect(newFolderTarget({ location: ' /out ', folderName: ' coco ' })).toBe('/out/coco')
    expect(newFolderTarget({ location: '/out', folderName: '' })).toBe('/out')
    expect(newFolderTarget({ location: '  ', folderName: 'coco' })).toBeNull()
  })

  it('says what is wrong with the choice', () => {
    expect(newFolderProblem({ location: '', folderName: 'coco' })).toBe('Choose the folder to save in.')
    expect(newFolderProblem({ location: '/out', folderName: 'a/b' })).toMatch(/can’t contain/)
    expect(newFolderProblem({ location: '/out', folderName: '..' })).toBe('Give the new folder a name.')
    expect(newFolderProblem({ location: '/out', folderName: 'coco' })).toBeNull()
  })
})
