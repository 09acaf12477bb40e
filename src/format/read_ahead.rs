//! Reading ahead on a second thread, so that a stream's parsing and the system's copying of the
//! file's bytes overlap.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// How many bytes each read ahead takes.
const BLOCK: usize = 1 << 20;

/// How many blocks may wait, read and not yet taken.
const DEPTH: usize = 4;

/// A reader that reads its inner reader ahead on a thread of its own: while a stream parses one
/// block (1 MiB), the next ones are being read. On a large file this takes the kernel's copying
/// of the bytes (about a fifth of a streaming tally's time) off the parsing thread; the
/// benchmark `bash benches/peers/run.sh scale` measures it. Memory: at most four blocks wait.
///
/// An error of the inner reader comes out of [`Read::read`] after the blocks read before it
/// (the bytes of the block it broke are lost with it); dropping
/// the `ReadAhead` stops the thread after its current read.
///
/// ```
/// use std::io::Read;
/// let mut text = String::new();
/// upr::format::ReadAhead::new(&b"abc"[..]).read_to_string(&mut text)?;
/// assert_eq!(text, "abc");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct ReadAhead {
    blocks: Receiver<io::Result<Vec<u8>>>,
    /// Emptied blocks handed back to the thread, so it does not allocate (and fault in) new ones.
    spent: SyncSender<Vec<u8>>,
    block: Vec<u8>,
    at: usize,
    done: bool,
}

impl ReadAhead {
    /// Starts reading `reader` ahead.
    pub fn new<R: Read + Send + 'static>(mut reader: R) -> Self {
        let (send, blocks) = sync_channel(DEPTH);
        let (spent, back) = sync_channel::<Vec<u8>>(DEPTH + 2);
        std::thread::spawn(move || {
            loop {
                let mut block = back.try_recv().unwrap_or_default();
                block.resize(BLOCK, 0);
                let read = fill(&mut reader, &mut block).map(|n| {
                    block.truncate(n);
                    block
                });
                let end = !matches!(&read, Ok(b) if !b.is_empty());
                if send.send(read).is_err() || end {
                    return;
                }
            }
        });
        ReadAhead {
            blocks,
            spent,
            block: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

/// Reads until `block` is full or the reader has nothing more: the bytes read.
fn fill(reader: &mut impl Read, block: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < block.len() {
        match reader.read(block.get_mut(n..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

impl Read for ReadAhead {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.block.len() {
            if self.done {
                return Ok(0);
            }
            match self.blocks.recv() {
                Ok(Ok(block)) if !block.is_empty() => {
                    let spent = std::mem::replace(&mut self.block, block);
                    let _ = self.spent.try_send(spent);
                    self.at = 0;
                }
                Ok(Ok(_)) | Err(_) => self.done = true,
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
        let rest = self.block.get(self.at..).unwrap_or_default();
        let n = rest.len().min(out.len());
        out.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(rest.get(..n).unwrap_or_default());
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails after `ok` bytes.
    struct Broken {
        ok: usize,
    }

    impl Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.ok == 0 {
                return Err(io::Error::other("disk gone"));
            }
            let n = self.ok.min(buf.len());
            buf.get_mut(..n).unwrap_or_default().fill(b'x');
            self.ok -= n;
            Ok(n)
        }
    }

    #[test]
    fn reads_what_the_reader_holds_in_order() {
        let bytes: Vec<u8> = (0..5 * BLOCK + 17).map(|i| (i % 251) as u8).collect();
        let mut got = Vec::new();
        ReadAhead::new(io::Cursor::new(bytes.clone()))
            .read_to_end(&mut got)
            .unwrap();
        assert!(got == bytes);
    }

    #[test]
    fn an_error_comes_after_the_bytes_before_it() {
        let mut r = ReadAhead::new(Broken { ok: BLOCK + 10 });
        let mut got = Vec::new();
        let err = r.read_to_end(&mut got).unwrap_err();
        assert_eq!(err.to_string(), "disk gone");
        assert_eq!(got.len(), BLOCK);
    }
}
