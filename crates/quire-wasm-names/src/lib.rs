//! wasm-bindgen names each JS function a wasm module imports `__wbg_<name>_<16 hex digits>`
//! (`__wbindgen_<name>_<hex>` for its own), in the module's import section and again as a
//! key of the imports object in the JS glue. The hex digits keep names unique across crates
//! but compress to nothing: 5.8 KB of the app's gzip size. The names are private to the pair
//! of files, so they can be anything unique: [`shorten_imports`] gives each a short one.

use std::fmt;

/// The module and its glue with the imports renamed, and how many were.
#[derive(Debug)]
pub struct Renamed {
    pub wasm: Vec<u8>,
    pub js: String,
    pub count: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// Not a wasm module, or one this reader does not understand.
    Wasm(&'static str),
    /// An import the glue does not name exactly once, as a whole word.
    Glue(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Wasm(what) => write!(f, "not a wasm module this tool can read: {what}"),
            Self::Glue(name) => write!(
                f,
                "the JS glue does not name the import `{name}` exactly once: left as it was"
            ),
        }
    }
}

const IMPORT_SECTION: u8 = 2;

/// Renames every import named by wasm-bindgen (`__wbg_…`, `__wbindgen_…`) in `wasm` and in
/// its glue `js`. Fails, changing nothing, if the glue does not name one of them exactly once.
pub fn shorten_imports(wasm: &[u8], js: &str) -> Result<Renamed, Error> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err(Error::Wasm("no wasm header"));
    }
    let mut out = wasm[..8].to_vec();
    let mut js = js.to_owned();
    let mut count = 0;
    let mut reader = Reader::new(&wasm[8..]);
    while !reader.is_empty() {
        let id = reader.byte()?;
        let body = reader.bytes_with_length()?;
        let body = if id == IMPORT_SECTION {
            let (section, renamed) = rename_in_section(body, &mut js)?;
            count = renamed;
            section
        } else {
            body.to_vec()
        };
        out.push(id);
        write_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok(Renamed {
        wasm: out,
        js,
        count,
    })
}

fn rename_in_section(section: &[u8], js: &mut String) -> Result<(Vec<u8>, usize), Error> {
    let mut reader = Reader::new(section);
    let entries = reader.leb()?;
    let mut out = Vec::with_capacity(section.len());
    write_leb(&mut out, entries);
    let mut renamed = 0;
    for _ in 0..entries {
        let module = reader.bytes_with_length()?;
        let name = std::str::from_utf8(reader.bytes_with_length()?)
            .map_err(|_| Error::Wasm("an import name is not UTF-8"))?;
        let description = reader.import_description()?;
        let name = if name.starts_with("__wbg_") || name.starts_with("__wbindgen_") {
            let short = short_name(renamed);
            rename_in_glue(js, name, &short)?;
            renamed += 1;
            short
        } else {
            name.to_owned()
        };
        write_leb(&mut out, module.len() as u64);
        out.extend_from_slice(module);
        write_leb(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(description);
    }
    if !reader.is_empty() {
        return Err(Error::Wasm("bytes after the last import"));
    }
    Ok((out, renamed))
}

/// `a`, `b`, … `Z`, `ba`, …: letters only, so never one of wasm-bindgen's `__` names.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[index % LETTERS.len()]);
        index /= LETTERS.len();
        if index == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

fn rename_in_glue(js: &mut String, name: &str, short: &str) -> Result<(), Error> {
    let found: Vec<usize> = js
        .match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = js[..at].chars().next_back();
            let after = js[at + name.len()..].chars().next();
            !before.is_some_and(is_identifier_char) && !after.is_some_and(is_identifier_char)
        })
        .collect();
    let [at] = found[..] else {
        return Err(Error::Glue(name.to_owned()));
    };
    js.replace_range(at..at + name.len(), short);
    Ok(())
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.bytes.len() {
            return Err(Error::Wasm("it ends too soon"));
        }
        let (taken, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(taken)
    }

    fn byte(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }

    fn leb(&mut self) -> Result<u64, Error> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Error::Wasm("a number longer than 64 bits"))
    }

    fn bytes_with_length(&mut self) -> Result<&'a [u8], Error> {
        let length = usize::try_from(self.leb()?).map_err(|_| Error::Wasm("a huge length"))?;
        self.take(length)
    }

    /// The bytes of an import's kind and type, as they are.
    fn import_description(&mut self) -> Result<&'a [u8], Error> {
        let start = self.bytes;
        match self.byte()? {
            0x00 => {
                self.leb()?; // function: its type's index
            }
            0x01 => {
                self.reference_type()?; // table
                self.limits()?;
            }
            0x02 => self.limits()?, // memory
            0x03 => {
                self.value_type()?; // global
                self.byte()?;
            }
            0x04 => {
                self.byte()?; // tag: attribute, type index
                self.leb()?;
            }
            _ => return Err(Error::Wasm("an import of an unknown kind")),
        }
        Ok(&start[..start.len() - self.bytes.len()])
    }

    fn limits(&mut self) -> Result<(), Error> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 0x01 != 0 {
            self.leb()?;
        }
        if flags & 0x08 != 0 {
            self.leb()?; // custom page size
        }
        Ok(())
    }

    fn value_type(&mut self) -> Result<(), Error> {
        match self.byte()? {
            0x63 | 0x64 => self.leb().map(drop), // (ref null? heaptype)
            _ => Ok(()),
        }
    }

    fn reference_type(&mut self) -> Result<(), Error> {
        self.value_type()
    }
}

fn write_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two glue functions and a memory, as wasm-bindgen's output does.
    fn module(imports: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut types = vec![1, 0x60, 0, 0]; // one type: [] -> []
        let mut section = Vec::new();
        write_leb(&mut section, imports.len() as u64);
        for (module, name, description) in imports {
            write_leb(&mut section, module.len() as u64);
            section.extend_from_slice(module.as_bytes());
            write_leb(&mut section, name.len() as u64);
            section.extend_from_slice(name.as_bytes());
            section.extend_from_slice(description);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(1);
        write_leb(&mut wasm, types.len() as u64);
        wasm.append(&mut types);
        wasm.push(IMPORT_SECTION);
        write_leb(&mut wasm, section.len() as u64);
        wasm.extend_from_slice(&section);
        wasm
    }

    const FUNCTION: &[u8] = &[0x00, 0x00];
    const MEMORY: &[u8] = &[0x02, 0x01, 0x11, 0x80, 0x01];

    fn import_names(wasm: &[u8]) -> Vec<String> {
        let mut reader = Reader::new(&wasm[8..]);
        loop {
            let id = reader.byte().unwrap();
            let body = reader.bytes_with_length().unwrap();
            if id != IMPORT_SECTION {
                continue;
            }
            let mut section = Reader::new(body);
            let count = section.leb().unwrap();
            return (0..count)
                .map(|_| {
                    section.bytes_with_length().unwrap();
                    let name = section.bytes_with_length().unwrap();
                    section.import_description().unwrap();
                    String::from_utf8(name.to_vec()).unwrap()
                })
                .collect();
        }
    }

    #[test]
    fn glue_imports_get_short_names_in_both_files() {
        let wasm = module(&[
            ("./quire_bg.js", "__wbg_log_0123456789abcdef", FUNCTION),
            (
                "./quire_bg.js",
                "__wbindgen_throw_fedcba9876543210",
                FUNCTION,
            ),
            ("env", "memory", MEMORY),
        ]);
        let js = "const import0 = { __proto__: null, __wbg_log_0123456789abcdef: function(a) { console.log(a) }, \
                  __wbindgen_throw_fedcba9876543210: function() { throw 1 } }; wasm.__wbindgen_malloc(1);";
        let renamed = shorten_imports(&wasm, js).unwrap();
        assert_eq!(renamed.count, 2);
        assert_eq!(import_names(&renamed.wasm), ["a", "b", "memory"]);
        assert_eq!(
            renamed.js,
            "const import0 = { __proto__: null, a: function(a) { console.log(a) }, \
             b: function() { throw 1 } }; wasm.__wbindgen_malloc(1);"
        );
        assert_eq!(renamed.wasm.len(), wasm.len() - (26 - 1) - (33 - 1));
    }

    #[test]
    fn a_name_the_glue_does_not_have_once_is_an_error() {
        let wasm = module(&[("./quire_bg.js", "__wbg_log_0123456789abcdef", FUNCTION)]);
        let missing = shorten_imports(&wasm, "const import0 = {};").unwrap_err();
        assert_eq!(missing, Error::Glue("__wbg_log_0123456789abcdef".into()));
        let twice = "{ __wbg_log_0123456789abcdef: f, x: __wbg_log_0123456789abcdef }";
        assert!(shorten_imports(&wasm, twice).is_err());
        // A longer name that merely contains it is not it.
        let longer = "{ __wbg_log_0123456789abcdef: f, __wbg_log_0123456789abcdef_2: g }";
        assert!(shorten_imports(&wasm, longer).is_ok());
    }

    #[test]
    fn short_names_are_letters_and_unique() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "ba");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn what_is_not_a_module_is_refused() {
        assert_eq!(
            shorten_imports(b"hello", "").unwrap_err(),
            Error::Wasm("no wasm header")
        );
        let mut cut = module(&[("m", "__wbg_x", FUNCTION)]);
        cut.truncate(cut.len() - 1);
        assert!(shorten_imports(&cut, "{__wbg_x: 1}").is_err());
    }
}
