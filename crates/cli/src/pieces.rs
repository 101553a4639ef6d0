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

/// How a file's bytes are text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    Big5,
}

impl Encoding {
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" => Some(Encoding::Gb18030),
            "big5" | "big5-hkscs" => Some(Encoding::Big5),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
        }
    }

    /// The bytes as text, or where they stop being this encoding. Neither GB18030 nor Big5
    /// uses a line break or a quote inside a character, so a piece cut at a line break is
    /// whole characters in all three.
    pub fn decode(self, bytes: &[u8]) -> Result<String, usize> {
        let encoding = match self {
            Encoding::Utf8 => {
                return String::from_utf8(bytes.to_vec()).map_err(|e| e.utf8_error().valid_up_to())
            }
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Big5 => encoding_rs::BIG5,
        };
        let (text, malformed) = encoding.decode_without_bom_handling(bytes);
        if malformed {
            let at = text.find('\u{fffd}').map_or(0, |i| text[..i].len());
            return Err(at);
        }
        Ok(text.into_owned())
    }

    /// The encodings a file's first piece can be, each with its text: UTF-8 alone when it is
    /// valid UTF-8; otherwise whichever of GB18030 and Big5 decode it without a fault.
    pub fn candidates(bytes: &[u8]) -> Vec<(Encoding, String)> {
        if let Ok(text) = Encoding::Utf8.decode(bytes) {
            return vec![(Encoding::Utf8, text)];
        }
        [Encoding::Gb18030, Encoding::Big5]
            .into_iter()
            .filter_map(|e| e.decode(bytes).ok().map(|t| (e, t)))
            .collect()
    }
}

pub struct Input {
    name: String,
    /// Set once the first piece has decided it.
    pub encoding: Encoding,
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
                    encoding: Encoding::Utf8,
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
            encoding: Encoding::Utf8,
            file: BufReader::with_capacity(1 << 20, f),
            spooled: None,
        })
    }

    /// The first piece's bytes, to decide the encoding and find the header and the mapping.
    pub fn first_bytes(&mut self) -> Result<Vec<u8>, String> {
        self.rewind()?;
        let mut line = 1;
        Ok(self.next_bytes(&mut line)?.unwrap_or_default())
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

    /// The next piece: [`PIECE_LINES`] lines or more, ending where no quoted cell is open,
    /// decoded.
    fn next_piece(&mut self, line: &mut usize) -> Result<Option<Piece>, String> {
        let first_line = *line;
        let Some(bytes) = self.next_bytes(line)? else {
            return Ok(None);
        };
        let text = self.encoding.decode(&bytes).map_err(|at| {
            let line_of_error = first_line + bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count();
            format!(
                "{}:{line_of_error}: not {} text; the file's first lines are, so it mixes encodings: save it again as one (UTF-8 is best), or give --encoding",
                self.name,
                self.encoding.name()
            )
        })?;
        Ok(Some(Piece { text, first_line }))
    }

    fn next_bytes(&mut self, line: &mut usize) -> Result<Option<Vec<u8>>, String> {
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
        Ok((!bytes.is_empty()).then_some(bytes))
    }
}
