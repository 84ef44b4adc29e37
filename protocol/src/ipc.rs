//! The names both sides of IPC must agree on: commands, headers, limits and the image types.

/// Reads the canvas: a raw body of grey bytes (one per pixel, dark ink on white), its size in headers.
pub const PREDICT: &str = "predict";
/// Opens an image file by path (file dialog, drag and drop, "Open with").
pub const OPEN_IMAGE: &str = "open_image";
/// Reads an image sent as its file's raw bytes (a pasted image), its name in a header.
pub const OPEN_IMAGE_BYTES: &str = "open_image_bytes";
/// The image the app was started with, handed out once.
pub const LAUNCH_IMAGE: &str = "launch_image";
/// An event, not a command: a second launch of the app handed the running window a file to open (a
/// [`crate::HandedFile`]). Files handed over before the UI has asked for [`LAUNCH_IMAGE`] wait for that instead.
pub const FILE_HANDED_OVER: &str = "file-handed-over";
/// Where the model was loaded from, or why it could not be.
pub const MODEL_STATUS: &str = "model_status";
/// The UI has painted its first frame (for the start-up timing).
pub const WINDOW_PAINTED: &str = "window_painted";
/// Stops the image open in progress; it answers `Cancelled` at once.
pub const CANCEL_OPEN: &str = "cancel_open";
/// The app's version, system, model and the end of its log, as text for a bug report.
pub const DIAGNOSTICS: &str = "diagnostics";
/// Keeps the drawing last read with [`REVISION_HEADER`] in the history: the UI calls it once the drawing is
/// finished (the pen is up and nothing changed for a moment), never for the live readings.
pub const RECORD_DRAWING: &str = "record_drawing";
/// The newest history entries, optionally only those whose number contains a search.
pub const HISTORY_LIST: &str = "history_list";
/// One history entry as an opened image (its picture, the reading, boxes and all).
pub const HISTORY_OPEN: &str = "history_open";
pub const HISTORY_DELETE: &str = "history_delete";
pub const HISTORY_CLEAR: &str = "history_clear";
/// Whether readings are kept and how many; set with [`SET_HISTORY_SETTINGS`].
pub const HISTORY_SETTINGS: &str = "history_settings";
pub const SET_HISTORY_SETTINGS: &str = "set_history_settings";
/// The person types the right digit for one digit of a kept reading, or the whole number; each becomes a
/// labelled sample. Both answer a [`crate::Labelled`].
pub const CORRECT_DIGIT: &str = "correct_digit";
pub const CORRECT_NUMBER: &str = "correct_number";
/// The person says a kept reading is right: each digit becomes a labelled sample.
pub const CONFIRM_READING: &str = "confirm_reading";
/// How many labelled samples there are.
pub const SAMPLE_COUNT: &str = "sample_count";
/// Writes every sample into a new folder inside the one given (IDX `.gz` pair and PNGs with `labels.csv`).
pub const EXPORT_SAMPLES: &str = "export_samples";
/// Adds the samples in a folder (either format), skipping those already stored.
pub const IMPORT_SAMPLES: &str = "import_samples";
/// Deletes the history, the samples, the settings, the personal model and the logs.
pub const DELETE_ALL_DATA: &str = "delete_all_data";
/// Which model reads, the personal model's figures, and whether learning is possible (a [`crate::LearningStatus`]).
pub const LEARNING_STATUS: &str = "learning_status";
/// Learns a personal model from the stored samples and adopts it if it reads them clearly better without
/// reading general digits worse (a [`crate::LearningOutcome`]); progress comes as [`LEARNING_PROGRESS`] events.
pub const LEARN_HANDWRITING: &str = "learn_handwriting";
/// An event, not a command: how far [`LEARN_HANDWRITING`] has got (a [`crate::LearningProgress`]).
pub const LEARNING_PROGRESS: &str = "learning-progress";
/// Stops the learning in progress; [`LEARN_HANDWRITING`] then answers `Cancelled` and nothing changes.
pub const CANCEL_LEARNING: &str = "cancel_learning";
/// Switches between the built-in model and the personal one (an [`crate::ActiveModel`] named `model`).
pub const USE_MODEL: &str = "use_model";
/// What the person must be told about the history once, at start-up (a damaged file moved aside).
pub const HISTORY_NOTICE: &str = "history_notice";

/// The canvas width in pixels, for [`PREDICT`].
pub const WIDTH_HEADER: &str = "x-image-width";
/// The canvas height in pixels, for [`PREDICT`].
pub const HEIGHT_HEADER: &str = "x-image-height";
/// The pasted or dropped file's name, percent-encoded, for [`OPEN_IMAGE_BYTES`].
pub const NAME_HEADER: &str = "x-file-name";
/// Which drawing a [`PREDICT`] request reads (the UI's count of changes), so [`RECORD_DRAWING`] can name it.
pub const REVISION_HEADER: &str = "x-drawing-revision";
/// Largest canvas side accepted; the UI downsamples to well under this.
pub const MAX_CANVAS_SIDE: u32 = 2048;

/// The formats the app opens, as file extensions (the Open dialog's filter, file associations).
pub const IMAGE_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "ico", "pnm", "pbm", "pgm", "ppm"];
