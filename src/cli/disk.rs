//! Large `--output` files written past the page cache (Linux `O_DIRECT`). A national
//! JSON summary is 2 GB: copying it into the page cache cost seconds of kernel time on
//! the machines measured, more the more was cached already (1.5 GB took 0.3 s after the
//! cache was emptied, 4.7 s after two such files), while the disk took it directly at
//! 1.5 GB/s with a tenth of the CPU. Blocks of 4 MB, aligned as `O_DIRECT` needs, go to
//! a thread of their own, so the run waits for the disk only if the disk falls behind;
//! the unaligned end goes through the ordinary handle. Where direct writes are refused
//! (tmpfs, other systems), `output` writes through the page cache as before.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc;

/// Bytes a block holds: one write to the disk.
const BLOCK: usize = 4 << 20;

/// Alignment of a direct write's memory, offset and length (a page: more than any
/// disk's logical block).
const ALIGN: usize = 4096;

/// Blocks waiting for the disk at most (then the run waits).
const QUEUE: usize = 2;

/// A second handle on the temporary file `file` at `path`, for direct writes, if the
/// system gives one and it is the same file (not one put at that name since).
pub(crate) fn open_direct(path: &Path, file: &File) -> Option<File> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let direct = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_DIRECT | libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    let (a, b) = (direct.metadata().ok()?, file.metadata().ok()?);
    (a.dev() == b.dev() && a.ino() == b.ino() && b.len() == 0).then_some(direct)
}

/// A block of memory whose window `at..at + BLOCK` is aligned, and what it holds.
struct Block {
    buf: Vec<u8>,
    at: usize,
    len: usize,
}

impl Block {
    fn new() -> Block {
        let buf = vec![0u8; BLOCK + ALIGN];
        let at = (ALIGN - buf.as_ptr() as usize % ALIGN) % ALIGN;
        Block { buf, at, len: 0 }
    }

    fn held(&self) -> &[u8] {
        &self.buf[self.at..self.at + self.len]
    }
}

/// `write` into the file through `direct`, its end through `plain`; then the file
/// holds exactly what `write` wrote. A failure of the disk is the error returned.
pub(crate) fn write_direct<E>(
    plain: &File,
    direct: File,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<(), E>,
    io_error: impl Fn(io::Error) -> E,
) -> Result<(), E> {
    std::thread::scope(|s| {
        let (to_disk, from_run) = mpsc::sync_channel::<Block>(QUEUE);
        let (back, reused) = mpsc::sync_channel::<Block>(QUEUE + 1);
        let disk = s.spawn(move || -> io::Result<u64> {
            let mut sent = 0;
            for block in from_run {
                (&direct).write_all(block.held())?;
                sent += block.len as u64;
                let _ = back.try_send(Block { len: 0, ..block });
            }
            Ok(sent)
        });
        let mut w = Direct {
            block: Block::new(),
            to_disk,
            reused,
        };
        let wrote = write(&mut w);
        // The aligned part of the last block to the disk, the rest kept for `plain`.
        let Direct {
            mut block, to_disk, ..
        } = w;
        let tail_from = block.len / ALIGN * ALIGN;
        let tail = block.held()[tail_from..].to_vec();
        block.len = tail_from;
        let sent = match tail_from {
            0 => Ok(()),
            _ => send(&to_disk, block),
        };
        drop(to_disk);
        let on_disk = match disk.join() {
            Ok(r) => r,
            Err(_) => Err(io::Error::other("the thread writing to disk stopped")),
        };
        // The disk's own error (a full disk) explains the run's failure to hand it a
        // block, and is the one to report.
        let offset = on_disk.map_err(&io_error)?;
        wrote?;
        sent.map_err(&io_error)?;
        use std::os::unix::fs::FileExt;
        plain.write_all_at(&tail, offset).map_err(&io_error)
    })
}

/// The writer `write` is handed: bytes gathered into aligned blocks.
struct Direct {
    block: Block,
    to_disk: mpsc::SyncSender<Block>,
    reused: mpsc::Receiver<Block>,
}

/// A block to the disk's thread; an error once it has stopped (its own error says why).
fn send(to_disk: &mpsc::SyncSender<Block>, block: Block) -> io::Result<()> {
    (to_disk.send(block)).map_err(|_| io::Error::other("the disk stopped taking the output"))
}

impl Write for Direct {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.block.len == BLOCK {
            let next = self.reused.try_recv().unwrap_or_else(|_| Block::new());
            let full = std::mem::replace(&mut self.block, next);
            send(&self.to_disk, full)?;
        }
        let b = &mut self.block;
        let n = bytes.len().min(BLOCK - b.len);
        let from = b.at + b.len;
        b.buf[from..from + n].copy_from_slice(&bytes[..n]);
        b.len += n;
        Ok(n)
    }

    /// Blocks go to the disk when full; the end when `write` has returned.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {

    /// Bytes written in pieces of `sizes` through a direct handle on a file in the
    /// package's folder (a disk, as a target's folder is): the file read back.
    fn through_direct(sizes: impl Iterator<Item = usize>) -> (Vec<u8>, Vec<u8>) {
        let dir = tempfile::tempdir_in(".").expect("a folder");
        let tmp = tempfile::NamedTempFile::new_in(dir.path()).expect("a file");
        let direct = super::open_direct(tmp.path(), tmp.as_file())
            .expect("direct writes on the disk holding the sources");
        let mut expected = Vec::new();
        let r = super::write_direct(
            tmp.as_file(),
            direct,
            |w| {
                for (i, n) in sizes.enumerate() {
                    let piece: Vec<u8> = (0..n).map(|k| (k + i) as u8).collect();
                    w.write_all(&piece)?;
                    expected.extend_from_slice(&piece);
                }
                Ok::<(), std::io::Error>(())
            },
            |e| e,
        );
        r.expect("written");
        (std::fs::read(tmp.path()).unwrap(), expected)
    }

    /// A disk that refuses a block: the run stops, and its error is the disk's own.
    #[test]
    fn the_disk_s_own_error_is_reported() {
        let dir = tempfile::tempdir_in(".").expect("a folder");
        let tmp = tempfile::NamedTempFile::new_in(dir.path()).expect("a file");
        // Opened for reading only: every write to it fails.
        let refusing = std::fs::File::open(tmp.path()).unwrap();
        let r = super::write_direct(
            tmp.as_file(),
            refusing,
            |w| {
                let block = vec![7u8; super::BLOCK];
                (0..(super::QUEUE + 3)).try_for_each(|_| w.write_all(&block))
            },
            |e| e,
        );
        let e = r.expect_err("the disk refused");
        assert_eq!(e.raw_os_error(), Some(libc::EBADF), "{e}");
    }

    /// Whatever the sizes written — several blocks, an end that is not aligned, a
    /// block exactly, less than a page, nothing — the file holds exactly the bytes.
    #[test]
    fn a_file_written_directly_holds_every_byte() {
        let (got, expected) = through_direct((0..3000).map(|i| (i * 7919) % 9001));
        assert!(expected.len() > 2 * super::BLOCK, "{}", expected.len());
        assert_eq!(got, expected);
        for sizes in [vec![super::BLOCK], vec![super::BLOCK, 1], vec![100], vec![]] {
            let (got, expected) = through_direct(sizes.clone().into_iter());
            assert_eq!(got, expected, "{sizes:?}");
        }
    }
}
