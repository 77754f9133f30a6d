export const USAGE = `Usage: loupe [--workspace DIR] <command> [options]

Commands:
  import PATH... [--labels folders] [--json]
                        Import image files and folders (recursively). Files are referenced where they lie, never
                        copied. With --labels folders each image is labelled with the name of its folder.
                        Running the same import again resumes it if it was interrupted.
  import DIR --format coco|yolo|voc|folders [--annotations FILE|DIR] [--skip-invalid] [--json]
                        Import a folder of images with its annotations. COCO needs --annotations FILE; the others
                        default to the folder itself. Malformed annotations import nothing unless --skip-invalid.
  export OUT --format coco|yolo|voc|folders [--images none|copy|link] [--json]
                        Write the catalogue's classes, boxes and tags as a dataset into the new folder OUT.
  stats [--json]        Count images, labels, statuses and boxes.
  jobs [--json]         List recent jobs (imports and other long work) and their state.
  jobs resume ID [--json]
                        Carry on with a cancelled or interrupted job.

Options:
  --workspace DIR       The workspace folder (default: the app's user-data folder, the same one the app opens).
  --json                Print only JSON on standard output.
  -h, --help            Show this help.
  -v, --version         Show the version.

Exit status: 0 on success (files that could not be imported are listed, not an error), 1 on an error,
2 on a usage mistake, 130 when interrupted.`
