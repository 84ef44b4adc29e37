//! Pictures and `predict` requests read by the real model through ONNX Runtime (`digits_fuzz::onnx_read`).
//! The recognizer is loaded once: `models/digits-cnn.onnx` (or `$DIGITS_MODEL`) and ONNX Runtime from `.ort/`
//! (or `$ORT_DYLIB_PATH`).
#![no_main]

use std::sync::OnceLock;

use recognizer::classifier::default_model_path;
use recognizer::Recognizer;

static RECOGNIZER: OnceLock<Recognizer> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let recognizer = RECOGNIZER.get_or_init(|| {
        Recognizer::load(&default_model_path()).unwrap_or_else(|e| panic!("the fuzz target needs the model: {e}"))
    });
    digits_fuzz::onnx_read(data, recognizer);
});
