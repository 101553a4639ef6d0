//! A file read in pieces of whole records, twice (the reader's survey, then its rows), in
//! memory that does not grow with the file: standard input is first copied to a temporary
//! file, so that it too can be read twice.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

/// Lines per piece: large enough that a piece is cheap to read, small enough that memory stays
/// a few MB.
const PIECE_LINES: usize = 20_000;
/// The most a piece may hold when a quoted cell never closes: the file is then refused.
const PIECE_BYTES: usize = 64 * 1024 * 1024;

/// Whole records of a file, and the line the first of them is on.
pub struct Piece {
    pub text: String,
    pub first_line: usize,
}

pub struct Input {
    name: String,
    file: BufReader<File>,
    /// The copy of standard input, removed when done.
    spooled: Option<PathBuf>,
}

impl Input {
    pub fn open(path: &str) -> Result<Input, String> {
        if path == "-" {
            let spool =
                std::env::temp_dir().join(format!("esg-kpi-stdin-{}.csv", std::process::id()));
            let copied = File::create(&spool)
                .and_then(|mut f| io::copy(&mut io::stdin().lock(), &mut f))
                .and_then(|_| File::open(&spool));
            return match copied {
                Ok(f) => Ok(Input {
                    name: "standard input".into(),
                    file: BufReader::with_capacity(1 << 20, f),
                    spooled: Some(spool),
                }),
                Err(e) => {
                    let _ = std::fs::remove_file(&spool);
                    Err(format!(
                        "standard input could not be copied to {}: {e}",
                        spool.display()
                    ))
                }
            };
        }
        let f = File::open(path).map_err(|e| format!("{path}: {e}"))?;
        Ok(Input {
            name: path.to_string(),
            file: BufReader::with_capacity(1 << 20, f),
            spooled: None,
        })
    }

    /// The first piece, to find the header and the mapping.
    pub fn first_piece(&mut self) -> Result<Option<Piece>, String> {
        self.rewind()?;
        let mut line = 1;
        self.next_piece(&mut line)
    }

    /// Every piece, from the start of the file.
    pub fn each_piece(&mut self, mut f: impl FnMut(Piece)) -> Result<(), String> {
        self.rewind()?;
        let mut line = 1;
        while let Some(piece) = self.next_piece(&mut line)? {
            f(piece);
        }
        Ok(())
    }

    pub fn close(self) {
        if let Some(spool) = &self.spooled {
            let _ = std::fs::remove_file(spool);
        }
    }

    fn rewind(&mut self) -> Result<(), String> {
        self.file
            .seek(SeekFrom::Start(0))
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", self.name))
    }

    /// The next piece: [`PIECE_LINES`] lines or more, ending where no quoted cell is open.
    fn next_piece(&mut self, line: &mut usize) -> Result<Option<Piece>, String> {
        let first_line = *line;
        let mut bytes = Vec::new();
        let mut lines = 0;
        let mut quoted = false;
        loop {
            let start = bytes.len();
            let n = (&mut self.file)
                .take(u64::MAX)
                .read_until(b'\n', &mut bytes)
                .map_err(|e| format!("{}: {e}", self.name))?;
            if n == 0 {
                break;
            }
            lines += 1;
            *line += 1;
            if bytes
                .get(start..)
                .is_some_and(|l| l.iter().filter(|b| **b == b'"').count() % 2 == 1)
            {
                quoted = !quoted;
            }
            if !quoted && lines >= PIECE_LINES {
                break;
            }
            if bytes.len() > PIECE_BYTES {
                return Err(format!(
                    "{}: a quoted cell opened by line {first_line} or later never closes",
                    self.name
                ));
            }
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            format!(
                "{}: not UTF-8 text near line {} (byte {} of the piece); save it as UTF-8",
                self.name,
                first_line,
                e.utf8_error().valid_up_to()
            )
        })?;
        Ok(Some(Piece { text, first_line }))
    }
}
