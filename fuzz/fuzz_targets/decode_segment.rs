//! Decode → segment → read, with the CNN stubbed and pictures over 64 px skipped (`digits_fuzz::decode_segment`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| digits_fuzz::decode_segment(data));
