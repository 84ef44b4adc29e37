//! A catalogue of unusual and hostile inputs, each with the outcome the app must give: bombs that inflate to a
//! gigabyte, pictures at the pixel limit, headers that lie, files cut short, things that are not files, formats
//! the app does not read. The CLI's catalogue test and the app's e2e memory test use it.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use image::{DynamicImage, GrayImage, ImageFormat, Luma, RgbImage};
use protocol::ErrorKind;
use rand::{Rng, SeedableRng};

/// What is put on disk for a case.
pub enum Make {
    Bytes(Vec<u8>),
    /// A named pipe with no writer: a blocking read would wait forever.
    Fifo,
    /// A Unix socket (left behind by its listener, which is dropped).
    Socket,
    /// A symbolic link to itself.
    SymlinkLoop,
    /// A symbolic link to a file that does not exist.
    DanglingLink,
    /// Nothing at all.
    Missing,
    /// A device file that is there on every Linux machine.
    Device(&'static str),
    /// A sparse file of this many bytes (no disk used).
    Sparse(u64),
    /// These bytes under a file name that is not UTF-8.
    NonUtf8Name(Vec<u8>),
}

/// The outcome a case must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Read without error (what it reads does not matter).
    Read,
    /// Read, and called unsure: it is not a digit.
    ReadUnsure,
    Fails(ErrorKind),
}

pub struct Case {
    pub name: &'static str,
    pub make: Make,
    pub expect: Expect,
}

impl Case {
    fn new(name: &'static str, make: Make, expect: Expect) -> Self {
        Self { name, make, expect }
    }

    /// Puts the case into `dir` and returns the path to give the app.
    pub fn place(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let path = dir.join(self.name);
        match &self.make {
            Make::Bytes(bytes) => std::fs::write(&path, bytes)?,
            Make::Fifo => {
                let status = std::process::Command::new("mkfifo").arg(&path).status()?;
                if !status.success() {
                    return Err(std::io::Error::other("mkfifo failed"));
                }
            }
            Make::Socket => socket(&path)?,
            Make::SymlinkLoop => symlink(&path, &path)?,
            Make::DanglingLink => symlink(&dir.join("nothing-here.png"), &path)?,
            Make::Missing => {}
            Make::Device(device) => return Ok(PathBuf::from(device)),
            Make::Sparse(len) => std::fs::File::create(&path)?.set_len(*len)?,
            Make::NonUtf8Name(bytes) => {
                let path = non_utf8_path(dir);
                std::fs::write(&path, bytes)?;
                return Ok(path);
            }
        }
        Ok(path)
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("symbolic links are a Unix test"))
}

#[cfg(unix)]
fn socket(path: &Path) -> std::io::Result<()> {
    std::os::unix::net::UnixListener::bind(path).map(drop)
}

#[cfg(not(unix))]
fn socket(_: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("sockets in the file system are a Unix test"))
}

#[cfg(unix)]
fn non_utf8_path(dir: &Path) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    dir.join(std::ffi::OsStr::from_bytes(b"caf\xE9 \\ number.png"))
}

#[cfg(not(unix))]
fn non_utf8_path(dir: &Path) -> PathBuf {
    dir.join("not-utf8-on-this-system.png")
}

/// A 1600×1200 grey picture of a thick "1" on white, the kind of thing every format below carries.
fn a_one(width: u32, height: u32) -> GrayImage {
    let bar = (width / 2 - width / 40..width / 2 + width / 40, height / 4..height * 3 / 4);
    GrayImage::from_fn(width, height, |x, y| Luma([if bar.0.contains(&x) && bar.1.contains(&y) { 20 } else { 240 }]))
}

fn encode(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).expect("encoding to memory");
    bytes.into_inner()
}

fn small(format: ImageFormat) -> Vec<u8> {
    let grey = a_one(160, 120);
    let image = match format {
        ImageFormat::Png | ImageFormat::Pnm | ImageFormat::Tiff => DynamicImage::ImageLuma8(grey),
        // Icons hold RGBA PNGs.
        ImageFormat::Ico => DynamicImage::ImageRgba8(DynamicImage::ImageLuma8(grey).to_rgba8()),
        _ => DynamicImage::ImageRgb8(DynamicImage::ImageLuma8(grey).to_rgb8()),
    };
    let image = if format == ImageFormat::Ico { image.resize_exact(128, 96, image::imageops::FilterType::Triangle) } else { image };
    encode(image, format)
}

/// A PNG chunk with its length and CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out
}

/// zlib data that inflates to `size` zero bytes.
fn zlib_zeros(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..size / block.len() {
        encoder.write_all(&block).expect("compressing to memory");
    }
    encoder.finish().expect("compressing to memory")
}

/// Inserts `chunk` right after a PNG's header chunk (IHDR).
fn with_chunk_after_header(png: &[u8], extra: &[u8]) -> Vec<u8> {
    let at = 8 + 8 + 13 + 4;
    [&png[..at], extra, &png[at..]].concat()
}

/// A small, valid PNG with a colour profile (iCCP) that inflates to 1 GiB.
pub fn iccp_bomb_png() -> Vec<u8> {
    let mut data = b"icc\0\0".to_vec();
    data.extend_from_slice(&zlib_zeros(1 << 30));
    with_chunk_after_header(&small(ImageFormat::Png), &chunk(b"iCCP", &data))
}

/// A PNG with a compressed text chunk (zTXt) that inflates to 1 GiB.
fn ztxt_bomb_png() -> Vec<u8> {
    let mut data = b"Comment\0\0".to_vec();
    data.extend_from_slice(&zlib_zeros(1 << 30));
    with_chunk_after_header(&small(ImageFormat::Png), &chunk(b"zTXt", &data))
}

/// A PNG whose header (with a correct checksum) says `width`×`height`.
fn png_claiming(png: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut header = png[16..29].to_vec();
    header[..4].copy_from_slice(&width.to_be_bytes());
    header[4..8].copy_from_slice(&height.to_be_bytes());
    [&png[..8], &chunk(b"IHDR", &header)[..], &png[33..]].concat()
}

/// A `width`×`height` PNG streamed row by row (never whole in memory): a "1" on white.
fn big_png(width: u32, height: u32, colour: png::ColorType, depth: png::BitDepth) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().expect("PNG header");
    let bytes_per_pixel = colour.samples() * if depth == png::BitDepth::Sixteen { 2 } else { 1 };
    let row_of = |y: u32| -> Vec<u8> {
        let one = a_one_pixel_row(width, height, y);
        one.iter().flat_map(|&v| {
            let mut px = vec![v; bytes_per_pixel];
            if matches!(colour, png::ColorType::Rgba | png::ColorType::GrayscaleAlpha) {
                let alpha = bytes_per_pixel / colour.samples();
                px[bytes_per_pixel - alpha..].fill(255);
            }
            px
        }).collect()
    };
    let mut stream = writer.stream_writer().expect("PNG stream");
    for y in 0..height {
        stream.write_all(&row_of(y)).expect("PNG row");
    }
    stream.finish().expect("PNG end");
    drop(writer);
    out
}

/// An Adam7-interlaced 8-bit grey PNG of a "1" (the `png` encoder writes no interlaced files: built by hand).
fn interlaced_png(width: u32, height: u32) -> Vec<u8> {
    const PASSES: [(u32, u32, u32, u32); 7] =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
    let mut raw = Vec::new();
    for (x0, y0, dx, dy) in PASSES {
        if width <= x0 || height <= y0 {
            continue;
        }
        for y in (y0..height).step_by(dy as usize) {
            let row = a_one_pixel_row(width, height, y);
            raw.push(0); // filter: none
            raw.extend((x0..width).step_by(dx as usize).map(|x| row[x as usize]));
        }
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    zlib.write_all(&raw).expect("compressing to memory");
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 1]); // 8-bit grey, deflate, adaptive filters, Adam7
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &header));
    out.extend(chunk(b"IDAT", &zlib.finish().expect("compressing to memory")));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn a_one_pixel_row(width: u32, height: u32, y: u32) -> Vec<u8> {
    let inside = (height / 4..height * 3 / 4).contains(&y);
    (0..width).map(|x| if inside && (width / 2 - width / 40..width / 2 + width / 40).contains(&x) { 20 } else { 240 }).collect()
}

/// Pictures near the 100-megapixel limit that the app must open in bounded memory.
pub fn large_pictures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("grey-100-megapixels.png", big_png(10_000, 10_000, png::ColorType::Grayscale, png::BitDepth::Eight)),
        ("rgba16-100-megapixels.png", big_png(10_000, 10_000, png::ColorType::Rgba, png::BitDepth::Sixteen)),
        ("grey-96-megapixels.jpg", encode(DynamicImage::ImageLuma8(a_one(12_000, 8_000)), ImageFormat::Jpeg)),
    ]
}

/// A lossless WebP (VP8L) header promising `width`×`height` pixels, with a few bytes of data.
fn tiny_lossless_webp(width: u32, height: u32) -> Vec<u8> {
    let bits: u64 = (width as u64 - 1) | ((height as u64 - 1) << 14);
    let mut vp8l = vec![0x2F];
    vp8l.extend_from_slice(&bits.to_le_bytes()[..4]);
    vp8l.extend_from_slice(&[0; 8]);
    let mut riff = b"WEBPVP8L".to_vec();
    riff.extend_from_slice(&(vp8l.len() as u32).to_le_bytes());
    riff.extend_from_slice(&vp8l);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(riff.len() as u32).to_le_bytes());
    out.extend_from_slice(&riff);
    out
}

/// A GIF whose screen is `side`×`side` with one 1-pixel frame.
fn gif_big_screen(side: u16) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&side.to_le_bytes());
    out.extend_from_slice(&side.to_le_bytes());
    out.extend_from_slice(&[0x00, 0, 0]); // no global colour table
    out.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x80]); // 1×1 frame with a 2-colour local table
    out.extend_from_slice(&[0, 0, 0, 255, 255, 255]);
    out.extend_from_slice(&[0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]);
    out
}

/// Offset of the first JPEG marker `marker`.
fn find_marker(jpeg: &[u8], marker: u8) -> usize {
    jpeg.windows(2).position(|w| w == [0xFF, marker]).expect("marker present")
}

/// A JPEG whose frame header says `width`×`height` while its scan holds a 320×240 picture.
fn jpeg_lying_about_size(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = small_jpeg(320, 240);
    let sof = find_marker(&jpeg, 0xC0);
    jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

fn small_jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(DynamicImage::ImageRgb8(DynamicImage::ImageLuma8(a_one(width, height)).to_rgb8()), ImageFormat::Jpeg)
}

/// A JPEG cut `fraction` of the way through its scan.
fn jpeg_cut_in_scan(fraction: f64) -> Vec<u8> {
    let jpeg = small_jpeg(640, 480);
    let sos = find_marker(&jpeg, 0xDA);
    let cut = sos + ((jpeg.len() - sos) as f64 * fraction) as usize;
    jpeg[..cut].to_vec()
}

/// A TIFF whose next-page pointer points back at its own first page.
fn tiff_with_looping_pages() -> Vec<u8> {
    let mut tiff = small(ImageFormat::Tiff);
    assert_eq!(&tiff[..2], b"II", "the encoder writes little-endian TIFF");
    let ifd = u32::from_le_bytes([tiff[4], tiff[5], tiff[6], tiff[7]]) as usize;
    let entries = u16::from_le_bytes([tiff[ifd], tiff[ifd + 1]]) as usize;
    let next = ifd + 2 + 12 * entries;
    tiff[next..next + 4].copy_from_slice(&(ifd as u32).to_le_bytes());
    tiff
}

/// A BMP whose header says `side`×`side`.
fn bmp_claiming(side: i32) -> Vec<u8> {
    let mut bmp = small(ImageFormat::Bmp);
    bmp[18..22].copy_from_slice(&side.to_le_bytes());
    bmp[22..26].copy_from_slice(&side.to_le_bytes());
    bmp
}

fn cut(bytes: Vec<u8>, keep: f64) -> Vec<u8> {
    let len = (bytes.len() as f64 * keep) as usize;
    bytes[..len].to_vec()
}

/// A PNG of colour noise: it decodes in full and gives the segmenter many blobs, so it is slow to read and
/// must come back unsure.
pub fn noise_png(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let image = RgbImage::from_fn(width, height, |_, _| image::Rgb([rng.gen(), rng.gen(), rng.gen()]));
    encode(DynamicImage::ImageRgb8(image), ImageFormat::Png)
}

/// A PNG of white paper speckled with black dots (`share` of the pixels): thousands of pieces of ink, each a
/// dot, which took minutes to group and follow for rules.
pub fn speckled_png(width: u32, height: u32, share: f64, seed: u64) -> Vec<u8> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let image = GrayImage::from_fn(width, height, |_, _| Luma([if rng.gen_bool(share) { 0 } else { 255 }]));
    encode(DynamicImage::ImageLuma8(image), ImageFormat::Png)
}

/// Every case. Building it takes a few seconds (the bombs are compressed gigabytes).
pub fn catalogue() -> Vec<Case> {
    use ErrorKind::*;
    use Expect::{Fails, Read, ReadUnsure};
    let png = small(ImageFormat::Png);
    let mut png_bad_crc = png.clone();
    let idat = png.windows(4).position(|w| w == b"IDAT").expect("IDAT");
    png_bad_crc[idat + 6] ^= 0xFF;
    let mut png_trailing = png.clone();
    png_trailing.extend_from_slice(b"trailing bytes after the end");
    let mut jpeg_trailing = small_jpeg(320, 240);
    jpeg_trailing.extend_from_slice(&[0; 100]);
    let jpeg = small_jpeg(320, 240);
    let huge_png_header = png_claiming(&png, 20_000, 20_000);
    let mut cases = vec![
        Case::new("empty.png", Make::Bytes(Vec::new()), Fails(EmptyFile)),
        Case::new("text.png", Make::Bytes(b"these are not the pixels you are looking for\n".to_vec()), Fails(NotAnImage)),
        Case::new("random.bin", Make::Bytes((0..4096u32).map(|i| (i * 7919 % 251) as u8).collect()), Fails(NotAnImage)),
        Case::new("photo.heic", Make::Bytes([&[0, 0, 0, 24][..], b"ftypheic\0\0\0\0mif1heic", &[0; 64]].concat()), Fails(UnsupportedFormat)),
        Case::new("photo.avif", Make::Bytes([&[0, 0, 0, 24][..], b"ftypavif\0\0\0\0mif1avif", &[0; 64]].concat()), Fails(UnsupportedFormat)),
        Case::new("scan.pdf", Make::Bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec()), Fails(UnsupportedFormat)),
        Case::new("drawing.svg", Make::Bytes(br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#.to_vec()), Fails(UnsupportedFormat)),
        Case::new("layers.psd", Make::Bytes([&b"8BPS\0\x01"[..], &[0; 64]].concat()), Fails(UnsupportedFormat)),
        Case::new("plain.png", Make::Bytes(png.clone()), Read),
        Case::new("plain.jpg", Make::Bytes(jpeg.clone()), Read),
        Case::new("plain.gif", Make::Bytes(small(ImageFormat::Gif)), Read),
        Case::new("plain.bmp", Make::Bytes(small(ImageFormat::Bmp)), Read),
        Case::new("plain.webp", Make::Bytes(small(ImageFormat::WebP)), Read),
        Case::new("plain.tiff", Make::Bytes(small(ImageFormat::Tiff)), Read),
        Case::new("plain.ico", Make::Bytes(small(ImageFormat::Ico)), Read),
        Case::new("plain.pgm", Make::Bytes(small(ImageFormat::Pnm)), Read),
        Case::new("png-missing-last-byte.png", Make::Bytes(png[..png.len() - 1].to_vec()), Fails(Damaged)),
        Case::new("png-cut-in-half.png", Make::Bytes(cut(png.clone(), 0.5)), Fails(Damaged)),
        Case::new("png-bad-crc.png", Make::Bytes(png_bad_crc), Fails(Damaged)),
        Case::new("png-trailing-bytes.png", Make::Bytes(png_trailing), Read),
        Case::new("png-over-100-megapixels.png", Make::Bytes(huge_png_header), Fails(TooManyPixels)),
        Case::new("iccp-bomb.png", Make::Bytes(iccp_bomb_png()), Read),
        Case::new("ztxt-bomb.png", Make::Bytes(ztxt_bomb_png()), Read),
        Case::new("interlaced.png", Make::Bytes(interlaced_png(901, 703)), Read),
        Case::new("jpeg-lying-header.jpg", Make::Bytes(jpeg_lying_about_size(10_000, 10_000)), Fails(Damaged)),
        Case::new("jpeg-cut-90-percent.jpg", Make::Bytes(jpeg_cut_in_scan(0.9)), Fails(Damaged)),
        Case::new("jpeg-missing-end.jpg", Make::Bytes(jpeg[..jpeg.len() - 2].to_vec()), Fails(Damaged)),
        Case::new("jpeg-trailing-bytes.jpg", Make::Bytes(jpeg_trailing), Read),
        Case::new("webp-lossless-at-limit.webp", Make::Bytes(tiny_lossless_webp(10_000, 10_000)), Fails(TooManyPixels)),
        Case::new("webp-cut.webp", Make::Bytes(cut(small(ImageFormat::WebP), 0.6)), Fails(Damaged)),
        Case::new("gif-huge-screen.gif", Make::Bytes(gif_big_screen(10_000)), Fails(TooManyPixels)),
        Case::new("gif-cut.gif", Make::Bytes(cut(small(ImageFormat::Gif), 0.6)), Fails(Damaged)),
        Case::new("bmp-claiming-30000.bmp", Make::Bytes(bmp_claiming(30_000)), Fails(TooManyPixels)),
        Case::new("bmp-cut.bmp", Make::Bytes(cut(small(ImageFormat::Bmp), 0.6)), Fails(Damaged)),
        Case::new("tiff-looping-pages.tiff", Make::Bytes(tiff_with_looping_pages()), Read),
        Case::new("tiff-cut.tiff", Make::Bytes(cut(small(ImageFormat::Tiff), 0.5)), Fails(Damaged)),
        Case::new("pgm-cut.pgm", Make::Bytes(cut(small(ImageFormat::Pnm), 0.6)), Fails(Damaged)),
        Case::new("noise.png", Make::Bytes(noise_png(1600, 1600, 7)), ReadUnsure),
        Case::new("speckled.png", Make::Bytes(speckled_png(1600, 1600, 0.05, 7)), ReadUnsure),
        Case::new("fifo.png", Make::Fifo, Fails(NotAFile)),
        Case::new("socket.png", Make::Socket, Fails(NotAFile)),
        Case::new("loop.png", Make::SymlinkLoop, Fails(Unreadable)),
        Case::new("dangling-link.png", Make::DanglingLink, Fails(Missing)),
        Case::new("missing.png", Make::Missing, Fails(Missing)),
        Case::new("dev-zero", Make::Device("/dev/zero"), Fails(NotAFile)),
        Case::new("50-mib-and-a-byte.png", Make::Sparse(50 * 1024 * 1024 + 1), Fails(FileTooLarge)),
        Case::new("non-utf8-name", Make::NonUtf8Name(png), Read),
    ];
    // Whole-picture decoders near the memory budget: still opened.
    let rgba = |w, h| DynamicImage::ImageRgba8(DynamicImage::ImageLuma8(a_one(w, h)).to_rgba8());
    let rgb = |w, h| DynamicImage::ImageRgb8(DynamicImage::ImageLuma8(a_one(w, h)).to_rgb8());
    cases.push(Case::new("webp-16-megapixels.webp", Make::Bytes(encode(rgba(4000, 4000), ImageFormat::WebP)), Read));
    cases.push(Case::new("bmp-16-megapixels.bmp", Make::Bytes(encode(rgb(4700, 3500), ImageFormat::Bmp)), Read));
    for (name, bytes) in large_pictures() {
        cases.push(Case::new(name, Make::Bytes(bytes), Read));
    }
    cases
}
