/**
 * The subset of the DICOM data dictionary (PS3.6) that Loupe reads by name: the pixel and VOI modules, the
 * patient/study/series/instance identification shown in the metadata panel, the functional groups of enhanced
 * multi-frame objects, and the attributes the de-identification profile acts on. Tags are 'GGGGEEEE' upper-case hex.
 */
export interface TagInfo {
  tag: string
  keyword: string
  vr: string
}

// keyword, VR, tag: one line each, grouped by module.
const ENTRIES = `
00020000 FileMetaInformationGroupLength UL
00020001 FileMetaInformationVersion OB
00020002 MediaStorageSOPClassUID UI
00020003 MediaStorageSOPInstanceUID UI
00020010 TransferSyntaxUID UI
00020012 ImplementationClassUID UI
00020013 ImplementationVersionName SH
00020016 SourceApplicationEntityTitle AE
00080005 SpecificCharacterSet CS
00080008 ImageType CS
00080012 InstanceCreationDate DA
00080013 InstanceCreationTime TM
00080014 InstanceCreatorUID UI
00080016 SOPClassUID UI
00080018 SOPInstanceUID UI
00080020 StudyDate DA
00080021 SeriesDate DA
00080022 AcquisitionDate DA
00080023 ContentDate DA
0008002A AcquisitionDateTime DT
00080030 StudyTime TM
00080031 SeriesTime TM
00080032 AcquisitionTime TM
00080033 ContentTime TM
00080050 AccessionNumber SH
00080060 Modality CS
00080064 ConversionType CS
00080070 Manufacturer LO
00080080 InstitutionName LO
00080081 InstitutionAddress ST
00080082 InstitutionCodeSequence SQ
00080090 ReferringPhysicianName PN
00080092 ReferringPhysicianAddress ST
00080094 ReferringPhysicianTelephoneNumbers SH
00080096 ReferringPhysicianIdentificationSequence SQ
0008009C ConsultingPhysicianName PN
00080100 CodeValue SH
00080102 CodingSchemeDesignator SH
00080104 CodeMeaning LO
0008010C CodingSchemeUID UI
00080117 ContextUID UI
00080201 TimezoneOffsetFromUTC SH
00082144 RecommendedDisplayFrameRate IS
00081010 StationName SH
00081030 StudyDescription LO
0008103E SeriesDescription LO
00081040 InstitutionalDepartmentName LO
00081048 PhysiciansOfRecord PN
00081050 PerformingPhysicianName PN
00081060 NameOfPhysiciansReadingStudy PN
00081070 OperatorsName PN
00081080 AdmittingDiagnosesDescription LO
00081090 ManufacturerModelName LO
00081110 ReferencedStudySequence SQ
00081111 ReferencedPerformedProcedureStepSequence SQ
00081120 ReferencedPatientSequence SQ
00081140 ReferencedImageSequence SQ
00081150 ReferencedSOPClassUID UI
00081155 ReferencedSOPInstanceUID UI
00082111 DerivationDescription ST
00082112 SourceImageSequence SQ
00084000 IdentifyingComments LT
00100010 PatientName PN
00100020 PatientID LO
00100021 IssuerOfPatientID LO
00100030 PatientBirthDate DA
00100032 PatientBirthTime TM
00100040 PatientSex CS
00101000 OtherPatientIDs LO
00101001 OtherPatientNames PN
00101002 OtherPatientIDsSequence SQ
00101005 PatientBirthName PN
00101010 PatientAge AS
00101020 PatientSize DS
00101030 PatientWeight DS
00101040 PatientAddress LO
00101060 PatientMotherBirthName PN
00102154 PatientTelephoneNumbers SH
00102160 EthnicGroup SH
00102180 Occupation SH
001021B0 AdditionalPatientHistory LT
00104000 PatientComments LT
00120062 PatientIdentityRemoved CS
00120063 DeidentificationMethod LO
00120064 DeidentificationMethodCodeSequence SQ
00180015 BodyPartExamined CS
00180040 CineRate IS
00180050 SliceThickness DS
00180060 KVP DS
00180088 SpacingBetweenSlices DS
00181000 DeviceSerialNumber LO
00181002 DeviceUID UI
00181020 SoftwareVersions LO
00181030 ProtocolName LO
00181063 FrameTime DS
00181065 FrameTimeVector DS
00181150 ExposureTime IS
00181151 XRayTubeCurrent IS
00181164 ImagerPixelSpacing DS
00181400 AcquisitionDeviceProcessingDescription LO
00184000 AcquisitionComments LT
00185100 PatientPosition CS
00200010 StudyID SH
0020000D StudyInstanceUID UI
0020000E SeriesInstanceUID UI
00200011 SeriesNumber IS
00200012 AcquisitionNumber IS
00200013 InstanceNumber IS
00200032 ImagePositionPatient DS
00200037 ImageOrientationPatient DS
00200052 FrameOfReferenceUID UI
00200200 SynchronizationFrameOfReferenceUID UI
00201041 SliceLocation DS
00204000 ImageComments LT
00209113 PlanePositionSequence SQ
00209116 PlaneOrientationSequence SQ
00209161 ConcatenationUID UI
00209164 DimensionOrganizationUID UI
00280002 SamplesPerPixel US
00280004 PhotometricInterpretation CS
00280006 PlanarConfiguration US
00280008 NumberOfFrames IS
00280009 FrameIncrementPointer AT
00280010 Rows US
00280011 Columns US
00280030 PixelSpacing DS
00280100 BitsAllocated US
00280101 BitsStored US
00280102 HighBit US
00280103 PixelRepresentation US
00280301 BurnedInAnnotation CS
00281040 PixelIntensityRelationship CS
00281041 PixelIntensityRelationshipSign SS
00281050 WindowCenter DS
00281051 WindowWidth DS
00281052 RescaleIntercept DS
00281053 RescaleSlope DS
00281054 RescaleType LO
00281055 WindowCenterWidthExplanation LO
00281056 VOILUTFunction CS
00281101 RedPaletteColorLookupTableDescriptor US
00281102 GreenPaletteColorLookupTableDescriptor US
00281103 BluePaletteColorLookupTableDescriptor US
00281199 PaletteColorLookupTableUID UI
00281201 RedPaletteColorLookupTableData OW
00281202 GreenPaletteColorLookupTableData OW
00281203 BluePaletteColorLookupTableData OW
00281221 SegmentedRedPaletteColorLookupTableData OW
00281222 SegmentedGreenPaletteColorLookupTableData OW
00281223 SegmentedBluePaletteColorLookupTableData OW
00282110 LossyImageCompression CS
00282112 LossyImageCompressionRatio DS
00283000 ModalityLUTSequence SQ
00283010 VOILUTSequence SQ
00284000 ImagePresentationComments LT
00289110 PixelMeasuresSequence SQ
00289132 FrameVOILUTSequence SQ
00289145 PixelValueTransformationSequence SQ
00321032 RequestingPhysician PN
00321060 RequestedProcedureDescription LO
00324000 StudyComments LT
00380010 AdmissionID LO
00400006 ScheduledPerformingPhysicianName PN
00400244 PerformedProcedureStepStartDate DA
00400245 PerformedProcedureStepStartTime TM
00400253 PerformedProcedureStepID SH
00400254 PerformedProcedureStepDescription LO
00400275 RequestAttributesSequence SQ
00401001 RequestedProcedureID SH
0040A124 UID UI
0040A730 ContentSequence SQ
00541001 Units CS
30040002 DoseUnits CS
3004000C GridFrameOffsetVector DS
3004000E DoseGridScaling DS
52009229 SharedFunctionalGroupsSequence SQ
52009230 PerFrameFunctionalGroupsSequence SQ
7FE00001 ExtendedOffsetTable OV
7FE00002 ExtendedOffsetTableLengths OV
7FE00008 FloatPixelData OF
7FE00009 DoubleFloatPixelData OD
7FE00010 PixelData OW
FFFAFFFA DigitalSignaturesSequence SQ
FFFCFFFC DataSetTrailingPadding OB
`

const BY_TAG = new Map<string, TagInfo>()
const BY_KEYWORD = new Map<string, TagInfo>()
for (const line of ENTRIES.trim().split('\n')) {
  const [tag, keyword, vr] = line.trim().split(/\s+/) as [string, string, string]
  const info = { tag, keyword, vr }
  BY_TAG.set(tag, info)
  BY_KEYWORD.set(keyword, info)
}

/** 'GGGGEEEE' for a keyword of this dictionary; throws for unknown keywords (a programming error). */
export function tagOf(keyword: string): string {
  const info = BY_KEYWORD.get(keyword)
  if (!info) throw new Error(`unknown DICOM keyword ${keyword}`)
  return info.tag
}

/** dicom-parser's element key, 'xggggeeee', for a keyword of this dictionary. */
export function key(keyword: string): string {
  return `x${tagOf(keyword).toLowerCase()}`
}

export function tagInfo(tag: string): TagInfo | undefined {
  return BY_TAG.get(tag.toUpperCase())
}

/** "PatientName" → "Patient Name"; unknown tags are named by their number. */
export function tagName(tag: string): string {
  const info = tagInfo(tag)
  if (!info) return isPrivate(tag) ? 'Private tag' : 'Unknown tag'
  return info.keyword.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
}

/** VR of a tag when the file does not say (implicit VR), from this subset or the rules for group length and
 * repeating groups; undefined when unknown. */
export function dictionaryVr(tag: string): string | undefined {
  const upper = tag.toUpperCase()
  if (upper.endsWith('0000')) return 'UL'
  const known = BY_TAG.get(upper)
  if (known) return known.vr
  if (upper === 'FFFEE000' || upper === 'FFFEE00D' || upper === 'FFFEE0DD') return undefined
  const group = Number.parseInt(upper.slice(0, 4), 16)
  if (group >= 0x6000 && group <= 0x60ff && upper.endsWith('3000')) return 'OW'
  return undefined
}

export function isPrivate(tag: string): boolean {
  const group = Number.parseInt(tag.slice(tag.length - 8, tag.length - 4), 16)
  return group % 2 === 1
}

/** "(0010,0010)" from '00100010' or 'x00100010'. */
export function formatTag(tag: string): string {
  const hex = tag.slice(-8).toUpperCase()
  return `(${hex.slice(0, 4)},${hex.slice(4)})`
}
