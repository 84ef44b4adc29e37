use protocol::{DigitReading, NumberReading, Prediction};

use super::*;

fn reading(number: &str) -> NumberReading {
    let digits = number
        .chars()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            let mut probabilities = [0.0; 10];
            probabilities[d as usize] = 0.9;
            DigitReading {
                prediction: Prediction {
                    digit: d as u8,
                    confidence: 0.9,
                    probabilities,
                    unsure: false,
                    doubt: None,
                    runner_up: None,
                    model_input: vec![(i * 10 + d as usize) as u8; SAMPLE_PIXELS],
                },
                bbox: [i as u32 * 30, 0, 28, 40],
            }
        })
        .collect();
    NumberReading { number: number.into(), lines: vec![number.into()], unsure: false, digits, message: None, width: 200, height: 50 }
}

fn entry(time_ms: i64, number: &str) -> NewEntry {
    NewEntry { time_ms, source: Source::Canvas, thumbnail_png: vec![1, 2, 3], reading: reading(number) }
}

#[test]
fn entries_come_back_newest_first_whole_and_searchable() {
    let mut history = History::in_memory().unwrap();
    let first = history.add(&entry(1_000, "17")).unwrap().unwrap();
    let mut photo = entry(2_000, "2026");
    photo.source = Source::File("cheque.jpg".into());
    let second = history.add(&photo).unwrap().unwrap();
    let listed = history.list(None, 10, 0).unwrap();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [second, first]);
    assert_eq!(listed[0].source, Source::File("cheque.jpg".into()));
    assert_eq!(history.list(Some("02"), 10, 0).unwrap().len(), 1);
    assert_eq!(history.list(Some("%"), 10, 0).unwrap().len(), 2, "LIKE wildcards are not the person's search");
    let reopened = history.get(second).unwrap();
    assert_eq!(reopened.reading, photo.reading, "the reading comes back with its boxes and model inputs");
    history.delete(first).unwrap();
    assert_eq!(history.count().unwrap(), 1);
    history.clear().unwrap();
    assert_eq!(history.count().unwrap(), 0);
}

#[test]
fn retention_keeps_the_newest_and_can_switch_history_off() {
    let mut history = History::in_memory().unwrap();
    assert_eq!(history.retention().unwrap().max_entries, Some(DEFAULT_MAX_ENTRIES));
    history.set_retention(Retention { enabled: true, max_entries: Some(3), max_days: None }, 0).unwrap();
    for t in 0..5 {
        history.add(&entry(t, &t.to_string())).unwrap();
    }
    let numbers: Vec<String> = history.list(None, 10, 0).unwrap().into_iter().map(|s| s.number).collect();
    assert_eq!(numbers, ["4", "3", "2"]);
    let day = 24 * 60 * 60 * 1000;
    history.set_retention(Retention { enabled: true, max_entries: None, max_days: Some(1) }, 2 * day + 3).unwrap();
    assert_eq!(history.count().unwrap(), 0, "entries older than a day go");
    history.set_retention(Retention { enabled: false, max_entries: None, max_days: None }, 0).unwrap();
    assert_eq!(history.add(&entry(9, "9")).unwrap(), None);
    assert_eq!(history.count().unwrap(), 0);
}

#[test]
fn corrections_and_confirmations_make_labelled_samples() {
    let mut history = History::in_memory().unwrap();
    let id = history.add(&entry(1, "171")).unwrap().unwrap();
    let labels = history.correct_digit(id, 1, 1, 5).unwrap();
    assert_eq!(labels, Labels { corrected: Some("111".into()), samples: 1 });
    let summary = &history.list(None, 1, 0).unwrap()[0];
    assert_eq!((summary.corrected.as_deref(), summary.samples), (Some("111"), 1));
    // A second digit corrected on its own keeps the first correction in the number shown.
    assert_eq!(history.correct_digit(id, 2, 4, 5).unwrap().corrected.as_deref(), Some("114"));
    assert!(matches!(history.correct_digit(id, 3, 1, 5), Err(HistoryError::CorrectionDoesNotFit { count: 3, .. })));
    assert!(matches!(history.correct_digit(id, 0, 10, 5), Err(HistoryError::CorrectionDoesNotFit { .. })));
    let samples = history.samples().unwrap();
    assert_eq!(samples.len(), 2);
    assert_eq!((samples[0].label, samples[0].origin), (1, Origin::Corrected));
    assert_eq!(samples[0].input, [17u8; SAMPLE_PIXELS], "the corrected digit's own model input");
    // Typing the whole number relabels the same digits rather than adding more.
    let labels = history.correct_number(id, "1.7 4", 6).unwrap();
    assert_eq!(labels, Labels { corrected: Some("174".into()), samples: 3 });
    assert_eq!(history.sample_count().unwrap(), 3);
    assert_eq!(history.list(None, 1, 0).unwrap()[0].corrected.as_deref(), Some("174"));
    assert!(matches!(history.correct_number(id, "12", 7), Err(HistoryError::CorrectionDoesNotFit { count: 3, .. })));
    let other = history.add(&entry(2, "5")).unwrap().unwrap();
    assert_eq!(history.labels(other).unwrap(), Labels { corrected: None, samples: 0 });
    assert_eq!(history.confirm(other, 8).unwrap(), Labels { corrected: None, samples: 1 }, "confirmed: nothing corrected");
    assert_eq!(history.list(None, 1, 0).unwrap()[0].samples, 1);
    let confirmed = history.samples().unwrap().into_iter().filter(|s| s.origin == Origin::Confirmed).count();
    assert_eq!(confirmed, 3, "typing 174 confirms the 1 and the 7 as read (undoing the first correction), then the 5");
    // Samples outlive their entry: they are the person's labels.
    history.clear().unwrap();
    assert_eq!(history.sample_count().unwrap(), 4);
    history.delete_everything().unwrap();
    assert_eq!(history.sample_count().unwrap(), 0);
}

#[test]
fn samples_export_and_import_in_both_formats() {
    let dir = handwriting::temp_dir::TempDir::new("history-export");
    let mut history = History::in_memory().unwrap();
    let id = history.add(&entry(1, "3908")).unwrap().unwrap();
    history.confirm(id, 2).unwrap();
    let samples = history.samples().unwrap();
    let (images, labels) = export_idx(&samples, &dir.0.join("idx")).unwrap();
    let back = import_idx(&images, &labels).unwrap();
    assert_eq!(back, samples.iter().map(|s| (s.input, s.label)).collect::<Vec<_>>());
    export_png_folder(&samples, &dir.0.join("png")).unwrap();
    assert_eq!(import_folder(&dir.0.join("png")).unwrap(), back);
    assert_eq!(history.add_samples(&back, 3).unwrap(), 0, "the same samples again are not added twice");
    assert_eq!(history.sample_count().unwrap(), 4);
    history.delete_everything().unwrap();
    assert_eq!(history.add_samples(&back, 3).unwrap(), 4);
    assert_eq!(history.sample_count().unwrap(), 4);
    // Not sample files: refused with the reason.
    std::fs::write(dir.0.join("png/labels.csv"), "file,label\n../../etc/passwd,3\n").unwrap();
    assert!(matches!(import_folder(&dir.0.join("png")), Err(HistoryError::BadSamples { .. })));
    assert!(matches!(import_idx(&labels, &images), Err(HistoryError::BadSamples { .. })));
}

#[test]
fn a_newer_schema_is_refused_and_settings_persist() {
    let dir = handwriting::temp_dir::TempDir::new("history-schema");
    let path = dir.0.join("data/history.sqlite3");
    {
        let mut history = History::open(&path).unwrap();
        history.set_setting("theme", "dark").unwrap();
    }
    assert_eq!(History::open(&path).unwrap().setting("theme").unwrap().as_deref(), Some("dark"));
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    assert!(matches!(History::open(&path), Err(HistoryError::NewerSchema { found: 99, .. })));
}

#[test]
fn an_export_goes_into_a_new_folder_and_imports_back_from_either_format() {
    let dir = handwriting::temp_dir::TempDir::new("history-folder");
    let mut history = History::in_memory().unwrap();
    assert!(matches!(export_samples(&[], &dir.0), Err(HistoryError::NothingToExport)));
    let id = history.add(&entry(1, "42")).unwrap().unwrap();
    history.confirm(id, 2).unwrap();
    let samples = history.samples().unwrap();
    let first = export_samples(&samples, &dir.0).unwrap();
    let second = export_samples(&samples, &dir.0).unwrap();
    assert_eq!((first.file_name().unwrap(), second.file_name().unwrap()), ("digit-samples".as_ref(), "digit-samples-2".as_ref()));
    assert!(first.join("png/labels.csv").is_file() && first.join("png/00002.png").is_file());
    let expected: Vec<_> = samples.iter().map(|s| (s.input, s.label)).collect();
    assert_eq!(import_samples(&first).unwrap(), expected, "the IDX pair");
    assert_eq!(import_samples(&first.join("png")).unwrap(), expected, "the PNG folder");
    std::fs::remove_file(first.join(export::IMAGES_FILE)).unwrap();
    assert_eq!(import_samples(&first).unwrap(), expected, "labels.csv in png/ when there is no IDX pair");
    // Refused with the reason: an empty folder, an empty set, a file that is not one, not a folder at all.
    let empty = dir.0.join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(matches!(import_samples(&empty), Err(HistoryError::NoSamplesInFolder(_))));
    export_idx(&[], &empty).unwrap();
    assert!(matches!(import_samples(&empty), Err(HistoryError::NoSamplesInFolder(_))));
    std::fs::write(empty.join(export::IMAGES_FILE), b"not gzip").unwrap();
    assert!(matches!(import_samples(&empty), Err(HistoryError::Read { .. } | HistoryError::BadSamples { .. })));
    assert!(matches!(export_samples(&samples, &first.join("png/labels.csv")), Err(HistoryError::NotAFolder(_))));
}

#[test]
fn an_import_of_more_than_the_limit_is_refused() {
    let dir = handwriting::temp_dir::TempDir::new("history-too-many");
    let count = (MAX_IMPORT + 1) as u32;
    let images = [&0x0803u32.to_be_bytes()[..], &count.to_be_bytes(), &28u32.to_be_bytes(), &28u32.to_be_bytes()].concat();
    let labels = [&0x0801u32.to_be_bytes()[..], &count.to_be_bytes()].concat();
    std::fs::write(dir.0.join("big-images-idx3-ubyte"), images).unwrap();
    std::fs::write(dir.0.join("big-labels-idx1-ubyte"), labels).unwrap();
    assert!(matches!(import_samples(&dir.0), Err(HistoryError::TooManySamples { most: MAX_IMPORT })));
}
