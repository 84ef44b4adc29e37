//! glibc keeps freed memory in a heap per worker thread, and by default it raises the size from which it maps
//! a buffer on its own up to 32 MB after the first large one is freed. A picture opened on one worker thread
//! and the next on another then each left tens of megabytes resident, and the main process's peak while opening
//! 100-megapixel pictures varied from 281 to 308 MB from one run to the next (`tests/memory.rs`). With a fixed
//! threshold of 1 MB, buffers that large (a picture, its luminance) are mapped on their own and returned when
//! freed: the peak is 270 MB every time. Small allocations, such as the canvas's, are not affected.

/// Buffers from this size up are mapped on their own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MAP_FROM_BYTES: libc::c_int = 1 << 20;

/// Call first, while only one thread runs.
pub fn return_large_buffers_when_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called before other threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MAP_FROM_BYTES);
    }
}
