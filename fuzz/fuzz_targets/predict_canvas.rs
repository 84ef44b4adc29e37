//! The `predict` IPC request with arbitrary headers and body, read with the CNN stubbed
//! (`digits_fuzz::predict_canvas`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| digits_fuzz::predict_canvas(data));
