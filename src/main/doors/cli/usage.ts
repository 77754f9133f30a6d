export const USAGE = `Usage: loupe [--workspace DIR] [--models DIR] <command> [options]

Commands:
  import PATH... [--labels folders] [--no-index] [--json]
                        Import image files and folders (recursively). Files are referenced where they lie, never
                        copied. With --labels folders each image is labelled with the name of its folder.
                        Running the same import again resumes it if it was interrupted. Then the new images are
                        indexed for search, as the app does by itself, unless --no-index, no model is installed or
                        indexing is paused in the workspace (the output says which; "loupe index" does it later).
  import DIR --format coco|yolo|voc|folders [--annotations FILE|DIR] [--skip-invalid] [--no-index] [--json]
                        Import a folder of images with its annotations. COCO needs --annotations FILE; the others
                        default to the folder itself. Malformed annotations import nothing unless --skip-invalid.
                        COCO polygons and RLE masks, YOLO polygon lines (yolo-seg is the same) come in as shapes.
  export OUT --format coco|yolo|yolo-seg|voc|folders [--images none|copy|link] [--status S] [--label L] [--name TEXT]
         [--ids 1,2,3] [--split TRAIN,VAL,TEST [--seed N]] [--json]
                        Write the catalogue's classes, boxes and tags as a dataset into the new folder OUT: of every
                        image, or of those with status S, label L, TEXT in the file name, or these ids. --split
                        shares the images out into train, val and test (e.g. 0.8,0.1,0.1), each class on its own,
                        the same way for the same seed (default 0). yolo-seg writes every object as a polygon.
                        What the format cannot hold (polygons as boxes, crowd flags…) is listed with counts.
  export-scans OUT [--ids 1,2,3 | --series UID] [--format png|dcm] [--keep-identity] [--pseudonym NAME]
         [--invert] [--burn-in] [--json]
                        Write DICOM images (default: all of them) into the new or empty folder OUT as PNG (default) or
                        .dcm, de-identified after the PS3.15 basic profile: names, IDs and dates removed, UIDs replaced,
                        pixels unchanged; PNGs get the remaining tags in a JSON sidecar. --pseudonym puts NAME in
                        Patient Name and ID; --keep-identity writes the files as they are. The images' measurements
                        go into measurements.csv; --burn-in also draws them into the PNGs, --invert inverts them.
  stats [--json]        Count images, labels, statuses and boxes (of them polygons and masks).
  measurements [ID...] [--json]
                        The lengths, areas and angles drawn on images ID (default: every image), with their values: mm
                        and mm² where the scan gives a pixel spacing (pixels otherwise, with a note), mean, SD, min and
                        max of a region in HU or the scan's stored values.
  index [--json]        Embed new and changed images for visual search (a resumable job).
  map [--json]          Each indexed image's place (x, y in 0..1) on the 2-D map of the active model's embeddings
                        (UMAP). Lays the map out the first time, places images indexed since, else reuses it.
  search (--image FILE [--region x,y,w,h] | --id N [--region x,y,w,h]) [-k K] [--json]
                        The K images (default 10) that look most like FILE, catalogue image N, or a region of either.
  duplicates [--threshold T] [--json]
                        Groups of copies (re-encoded, resized, slightly cropped): pairs at least T alike by embedding
                        (default: the model's threshold, calibrated on altered copies of catalogue images), confirmed
                        by their pixels. Says which image of each group to keep and what each extra carries.
  models list|known [--json]
                        List the installed embedding models and trained classifiers, or the models Loupe can
                        download (size, licence, measured quality and speed; the one recommended here is marked).
  models inspect PATH [--json]
                        What "models add PATH" would install. For an .onnx file without a manifest beside it: the image
                        size, axis order, pixel scaling and embedding output Loupe would use, and which are guesses.
  models add PATH [--json]
                        Verify and install a model for every workspace: a TensorFlow.js folder (model.json, weights,
                        manifest.json), an .onnx file (with the settings "models inspect" shows, or those of a manifest
                        beside it as FILE.json), or a .tflite file (converted once on the way in).
  models download ID [--json]
                        Download a known model, check its SHA-256 and install it. Ctrl+C stops; running it again
                        carries on where it stopped. LOUPE_MODEL_MIRROR=URL fetches the files from an internal copy.
  models use ID [--json]
                        Index and search with the embedding model ID from now on. Each model's embeddings are kept:
                        images it has not embedded yet wait for "loupe index"; switching back needs no re-indexing.
  train [--labels tags|boxes|tags-then-boxes] [--epochs N] [--patience P] [--json]
                        Train a classifier on the labelled images (one class each, at least 5 per class) and make it
                        active. An image's class is its class tag (tags), the class all its boxes share (boxes), or
                        its tag where it has one and else its boxes' (tags-then-boxes, the default). At most N epochs
                        (default 100), stopping after P epochs without a better validation loss (default 5). Prints
                        validation accuracy and precision/recall/F1 per class.
  predict [PATH...] [--json]
                        The active classifier's label and confidence for each file (files outside the catalogue are
                        embedded on the fly, not added), or for every catalogue image when no PATH is given.
  prelabel [--threshold T] [--json]
                        Run the object detector (COCO classes) over the images without boxes and store its boxes with
                        a score of at least T (default 0.3) as suggestions to accept or reject in the app.
  anomaly fit (--label L | PATH...) [--name N] [--second-model ID|none] [--json]
                        Learn what good looks like from the images labelled L, or from image files (used without being
                        added), as anomaly model N (default "default"; fitting again adds a version), then score every
                        catalogue image with it. Prints the model, the good images, the memory banks' patches and the
                        threshold (set on good images held out from learning). With 50 good images or more it learns
                        with a second image model beside the one in use (default: MobileNetV2 beside V1 and the other
                        way round, if installed) and averages their maps, each scaled by its held-out spread.
  anomaly score [PATH...] [--name N] [--threshold T] [--json]
                        Anomaly score of each file (not added), or every catalogue image's score when no PATH is given,
                        most anomalous first: anomalous or not (at T, default the model's threshold) and the hot regions
                        as boxes in the picture's pixels.
  anomaly models [--json]
                        Every anomaly model version, the one in use marked *: threshold, expected false alarms, images.
  anomaly use MODEL     Use this version in the library and for scoring without --name. MODEL is a version's id,
                        NAME@N (version N of NAME) or NAME (the version of NAME in use, else its newest).
  anomaly threshold MODEL VALUE
                        Images scoring VALUE or more are anomalous under this version from now on.
  anomaly evaluate [--name MODEL] [--label L] [--threshold T] [--json]
                        How the version in use (or MODEL, as for "use") separates good images (label L; default the
                        label it learnt from, else "good") from defective ones (any other label, or a box): AUROC, the
                        ROC curve, detections, misses and false alarms at T (default its threshold), and the worst of
                        each. Its memory-bank images are left out; its held-out good images count.
  detector train [--epochs N] [--patience P] [--json]
                        Train a box detector on the catalogue's boxes (at least 5 boxes on 3 images in each of two or
                        more classes) and make it active. At most N epochs (default 60), stopping after P epochs without
                        a better validation mAP50 (default 8) and keeping the best. Prints mAP50 and AP50 per class.
  detect [PATH...] [--threshold T] [--json]
                        The active detector's boxes (label, score, x, y, width, height in the picture's pixels) on each
                        file (not added), or on every catalogue image when no PATH is given, scoring at least T (default
                        the detector's threshold; 0.05 gives the low-score boxes an mAP needs).
  detector models [--json]
                        Every detector version, the active one marked *: classes, validation mAP50, threshold.
  detector use ID       Make version ID (e.g. 3 or detector-3) the active detector.
  detector export ID DIR
                        Write version ID to the folder DIR (loupe-detector.json and head.bin).
  detector import DIR   Add the detector exported to DIR as a new, inactive version (it must read this workspace's
                        embedding model).
  jobs [--json]         List recent jobs (imports and other long work) and their state.
  jobs resume ID [--json]
                        Carry on with a cancelled or interrupted job.

Options:
  --workspace DIR       The workspace folder (default: the app's user-data folder, the same one the app opens).
  --models DIR          The model folder shared by all workspaces (default: LOUPE_MODELS_DIR, else the user-data
                        folder's models/).
  --json                Print only JSON on standard output.
  -h, --help            Show this help.
  -v, --version         Show the version.

Exit status: 0 on success (files that could not be imported are listed, not an error), 1 on an error,
2 on a usage mistake, 130 when interrupted.`
