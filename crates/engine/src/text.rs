//! The engine's sentences in three languages. The engine writes every message (input errors,
//! checks, reasons, formulas, trace lines) as a [`Text`]: an English template with `{0}`, `{1}`
//! … and its arguments. JSON carries the English sentence (the contract's `message` is a
//! string); the page renders the same [`Text`] in its language. Every template is in the one
//! message catalogue ([`catalogue`]: the engine's part [`super::text_table::TABLE`], the page's
//! `text_page::PAGE`) with Traditional and Simplified Chinese; `t!` refuses to build a
//! literal the catalogue lacks.

use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// A language of the page and of the engine's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhHant,
    ZhHans,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

    /// The BCP 47 tag, as `<html lang>` and storage use it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhHant => "繁體中文",
            Lang::ZhHans => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// The best match for a browser language (`zh-HK`, `zh-TW` → Traditional; `zh-CN`,
    /// `zh-SG`, `zh` → Simplified; anything else → English).
    pub fn from_browser(tag: &str) -> Lang {
        let t = tag.to_ascii_lowercase();
        if t.starts_with("zh") {
            if t.contains("hant") || t.ends_with("-hk") || t.ends_with("-tw") || t.ends_with("-mo")
            {
                Lang::ZhHant
            } else {
                Lang::ZhHans
            }
        } else {
            Lang::En
        }
    }
}

/// A sentence: an English template and its arguments, rendered in any [`Lang`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    template: &'static str,
    args: Vec<Arg>,
}

/// An argument of a [`Text`]: a value shown as it is (a number, a path, a name the user
/// typed), or a sentence of its own, translated too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Text(Text),
    /// The same name in English, Traditional and Simplified Chinese (a KPI, a grid region).
    Names(Box<[String; 3]>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Plain(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Plain(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Plain(s.to_string())
    }
}
impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(t)
    }
}
impl From<&Text> for Arg {
    fn from(t: &Text) -> Arg {
        Arg::Text(t.clone())
    }
}

/// Fails the build where a literal is not in the message catalogue (see [`text::knows`]): the
/// error points at the sentence, whose three languages go in `crates/engine/src/text_table.rs`
/// (the engine's) or `crates/engine/src/text_page.rs` (the page's).
///
/// [`text::knows`]: crate::text::knows
#[macro_export]
macro_rules! known {
    ($template:literal) => {
        const _: () = assert!(
            $crate::text::knows($template),
            "this sentence is not in the message catalogue: add it, in English, Traditional and Simplified Chinese, to crates/engine/src/text_table.rs or text_page.rs"
        );
    };
}

/// A [`Text`] from a template literal and its arguments: `t!("{0} is zero", noun)`.
#[macro_export]
macro_rules! t {
    // Up to three arguments through one out-of-line constructor each: the allocation is
    // written once, not at each of the ~600 sentences (the page's wasm is smaller for it).
    // Each arm first checks, as the crate is built, that the catalogue has the template.
    ($template:literal $(,)?) => {{
        $crate::known!($template);
        $crate::text::Text::word($template)
    }};
    ($template:literal, $a:expr $(,)?) => {{
        $crate::known!($template);
        $crate::text::Text::with1($template, $crate::text::Arg::from($a))
    }};
    ($template:literal, $a:expr, $b:expr $(,)?) => {{
        $crate::known!($template);
        $crate::text::Text::with2($template, $crate::text::Arg::from($a), $crate::text::Arg::from($b))
    }};
    ($template:literal, $a:expr, $b:expr, $c:expr $(,)?) => {{
        $crate::known!($template);
        $crate::text::Text::with3(
            $template,
            $crate::text::Arg::from($a),
            $crate::text::Arg::from($b),
            $crate::text::Arg::from($c),
        )
    }};
    ($template:literal $(, $arg:expr)* $(,)?) => {{
        $crate::known!($template);
        $crate::text::Text::new($template, vec![$($crate::text::Arg::from($arg)),*])
    }};
}

impl Text {
    pub fn new(template: &'static str, args: Vec<Arg>) -> Text {
        Text { template, args }
    }

    #[inline(never)]
    pub fn with1(template: &'static str, a: Arg) -> Text {
        Text::new(template, vec![a])
    }

    #[inline(never)]
    pub fn with2(template: &'static str, a: Arg, b: Arg) -> Text {
        Text::new(template, vec![a, b])
    }

    #[inline(never)]
    pub fn with3(template: &'static str, a: Arg, b: Arg, c: Arg) -> Text {
        Text::new(template, vec![a, b, c])
    }

    /// A word or phrase from the table with no arguments (a source's name, a unit's noun).
    pub fn word(template: &'static str) -> Text {
        Text {
            template,
            args: Vec::new(),
        }
    }

    /// Text that is shown as it is in every language (a parser's own message, a name).
    pub fn verbatim(text: impl Into<String>) -> Text {
        Text {
            template: "{0}",
            args: vec![Arg::Plain(text.into())],
        }
    }

    /// A name given in all three languages (English, Traditional, Simplified Chinese).
    pub fn names(en: impl Into<String>, hant: impl Into<String>, hans: impl Into<String>) -> Text {
        Text {
            template: "{0}",
            args: vec![Arg::Names(Box::new([en.into(), hant.into(), hans.into()]))],
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        fill(template_in(lang, self.template), |i, out| {
            match self.args.get(i) {
                Some(Arg::Plain(s)) => out.push_str(s),
                Some(Arg::Text(t)) => out.push_str(&t.render(lang)),
                Some(Arg::Names(n)) => {
                    let [en, hant, hans] = &**n;
                    out.push_str(match lang {
                        Lang::En => en,
                        Lang::ZhHant => hant,
                        Lang::ZhHans => hans,
                    })
                }
                None => {}
            }
        })
    }

    /// Every template in this sentence: its own and its arguments', nested.
    pub fn templates(&self) -> Vec<&'static str> {
        let mut out = vec![self.template];
        for a in &self.args {
            if let Arg::Text(t) = a {
                out.extend(t.templates());
            }
        }
        out
    }

    /// The templates in this sentence that the table lacks.
    pub fn untranslated(&self) -> Vec<&'static str> {
        self.templates().into_iter().filter(|t| !knows(t)).collect()
    }

    /// Whether the English sentence contains `needle` (for tests and filters).
    pub fn contains(&self, needle: &str) -> bool {
        self.to_string().contains(needle)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.render(Lang::En))
    }
}

/// Why a result is missing when checked decimal arithmetic would leave its exact range.
pub fn overflow() -> Text {
    crate::t!("the result is too large for exact decimal arithmetic")
}

/// The one message catalogue: the engine's sentences ([`super::text_table::TABLE`]) and the
/// page's (`text_page::PAGE`, with the feature `page`), each entry English, Traditional,
/// Simplified Chinese.
pub fn catalogue() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    PARTS.iter().flat_map(|part| part.iter())
}

/// The catalogue's parts; the page's only where the page is built (feature `page`).
const PARTS: &[&[(&str, &str, &str)]] = &[
    super::text_table::TABLE,
    #[cfg(feature = "page")]
    super::text_page::PAGE,
];

/// Whether the catalogue has `en` (or it is `{0}`, a value shown as it is). A `const fn`, so
/// that `t!` and the page's `tr!` check their literal when the crate is built: a sentence
/// without its translations does not compile.
#[allow(clippy::indexing_slicing)] // bounded by the loops; out of bounds would not compile
pub const fn knows(en: &str) -> bool {
    const fn same(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let en = en.as_bytes();
    if same(en, b"{0}") {
        return true;
    }
    let mut p = 0;
    while p < PARTS.len() {
        let mut i = 0;
        while i < PARTS[p].len() {
            if same(PARTS[p][i].0.as_bytes(), en) {
                return true;
            }
            i += 1;
        }
        p += 1;
    }
    false
}

/// `template` with each `{n}` replaced by what `arg(n, out)` writes; other braces are kept.
pub fn fill(template: &str, mut arg: impl FnMut(usize, &mut String)) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let digits: &str = after
            .get(1..)
            .map(|a| a.split('}').next().unwrap_or(""))
            .unwrap_or("");
        match digits.parse::<usize>() {
            Ok(n)
                if after
                    .get(1 + digits.len()..)
                    .is_some_and(|a| a.starts_with('}')) =>
            {
                arg(n, &mut out);
                rest = after.get(digits.len() + 2..).unwrap_or("");
            }
            _ => {
                out.push('{');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The template in `lang`: the English one itself, or its translation from the table
/// (English if the table lacks it, which a test forbids). With the feature `zh-fetched` (the
/// page's wasm) the translations are those installed by [`install_translations`], English
/// until then ([`translations_ready`] says which).
pub fn template_in(lang: Lang, en: &'static str) -> &'static str {
    if lang == Lang::En {
        return en;
    }
    #[cfg(feature = "zh-fetched")]
    {
        fetched(lang, en).unwrap_or(en)
    }
    #[cfg(not(feature = "zh-fetched"))]
    {
        static INDEX: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> =
            OnceLock::new();
        let index = INDEX.get_or_init(|| {
            catalogue()
                .map(|(en, hant, hans)| (*en, (*hant, *hans)))
                .collect()
        });
        match (index.get(en), lang) {
            (Some((hant, _)), Lang::ZhHant) => hant,
            (Some((_, hans)), _) => hans,
            (None, _) => en,
        }
    }
}

/// How many entries the catalogue has (both parts).
#[allow(clippy::indexing_slicing)] // bounded by the loop; out of bounds would not compile
const COUNT: usize = {
    let mut n = 0;
    let mut p = 0;
    while p < PARTS.len() {
        n += PARTS[p].len();
        p += 1;
    }
    n
};

/// The catalogue's English column, in its order, built as the crate is compiled: what the
/// page's wasm keeps of the catalogue when its Chinese columns are fetched (a constant that
/// names only the English strings, so the Chinese ones are not in the build).
#[allow(clippy::indexing_slicing)] // bounded by the loops; out of bounds would not compile
const ENGLISH: [&str; COUNT] = {
    let mut out = [""; COUNT];
    let (mut p, mut n) = (0, 0);
    while p < PARTS.len() {
        let mut i = 0;
        while i < PARTS[p].len() {
            out[n] = PARTS[p][i].0;
            n += 1;
            i += 1;
        }
        p += 1;
    }
    out
};

/// The schema of a translations file ([`translations_file`]).
pub const TRANSLATIONS_SCHEMA: &str = "esg-kpi-text/1";

/// A fingerprint of the catalogue's English column (the autosave's FNV-1a, 64 bits, over each
/// template and a newline), so that a translations file is used only by the build it was
/// written for.
pub fn english_fingerprint() -> String {
    let column: String = ENGLISH.iter().flat_map(|en| [*en, "\n"]).collect();
    format!("{:016x}", super::hash::fnv1a64(column.as_bytes()))
}

/// The catalogue's column in `lang` as a file the page fetches when that language is chosen:
/// `{"schema", "lang", "english": fingerprint, "text": [translation in the catalogue's
/// order]}`. Written by the build (`esg-kpi-ssr --text LANG`) from the embedded catalogue.
pub fn translations_file(lang: Lang) -> String {
    let text: Vec<&str> = catalogue()
        .map(|(_, hant, hans)| if lang == Lang::ZhHant { *hant } else { *hans })
        .collect();
    serde_json::json!({
        "schema": TRANSLATIONS_SCHEMA,
        "lang": lang.tag(),
        "english": english_fingerprint(),
        "text": text,
    })
    .to_string()
}

/// The translations installed from files, Traditional then Simplified.
static FETCHED: [OnceLock<HashMap<&'static str, &'static str>>; 2] =
    [OnceLock::new(), OnceLock::new()];

fn fetched_slot(lang: Lang) -> Option<&'static OnceLock<HashMap<&'static str, &'static str>>> {
    match lang {
        Lang::En => None,
        Lang::ZhHant => FETCHED.first(),
        Lang::ZhHans => FETCHED.get(1),
    }
}

/// `en` in `lang` from the installed translations; `None` until they are installed.
pub fn fetched(lang: Lang, en: &str) -> Option<&'static str> {
    fetched_slot(lang)?.get()?.get(en).copied()
}

/// Whether sentences render in `lang` now: always, except for Chinese with the feature
/// `zh-fetched` before [`install_translations`].
pub fn translations_ready(lang: Lang) -> bool {
    lang == Lang::En
        || !cfg!(feature = "zh-fetched")
        || fetched_slot(lang).is_some_and(|s| s.get().is_some())
}

/// Installs a file written by [`translations_file`] for `lang`; refuses one of another
/// language, another build (its English fingerprint differs), or a damaged one, saying why.
/// Installing twice keeps the first.
pub fn install_translations(lang: Lang, file: &str) -> Result<(), Text> {
    let refused = |why: &str| crate::t!("the translations file is refused: {0}", why);
    let slot = fetched_slot(lang).ok_or_else(|| refused("English needs none"))?;
    if slot.get().is_some() {
        return Ok(());
    }
    let v: serde_json::Value = serde_json::from_str(file).map_err(|_| refused("not JSON"))?;
    let field = |k: &str| v.get(k).and_then(serde_json::Value::as_str);
    if field("schema") != Some(TRANSLATIONS_SCHEMA) {
        return Err(refused("not a translations file"));
    }
    if field("lang") != Some(lang.tag()) {
        return Err(refused("it is for another language"));
    }
    if field("english") != Some(english_fingerprint().as_str()) {
        return Err(refused("it is from another build of the calculator"));
    }
    let text = v
        .get("text")
        .and_then(serde_json::Value::as_array)
        .filter(|t| t.len() == COUNT)
        .ok_or_else(|| refused("it does not have one sentence for each"))?;
    let mut index = HashMap::with_capacity(COUNT);
    for (en, zh) in ENGLISH.iter().zip(text) {
        let zh = zh
            .as_str()
            .filter(|z| !z.trim().is_empty())
            .ok_or_else(|| refused("a sentence is missing"))?;
        let zh: &'static str = Box::leak(zh.to_string().into_boxed_str());
        index.insert(*en, zh);
    }
    let _ = slot.set(index);
    Ok(())
}

impl Text {
    /// The sentence as data, to pass it between wasm modules (the page and its import
    /// reader): `{"t": template, "a": [argument …]}`, an argument `{"p": text}`, a sentence of
    /// its own, or `{"n": [en, hant, hans]}`. [`Text::from_wire`] reads it back.
    pub fn to_wire(&self) -> serde_json::Value {
        let args: Vec<serde_json::Value> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Plain(s) => serde_json::json!({ "p": s }),
                Arg::Text(t) => t.to_wire(),
                Arg::Names(n) => serde_json::json!({ "n": n.as_slice() }),
            })
            .collect();
        serde_json::json!({ "t": self.template, "a": args })
    }

    /// A sentence written by [`Text::to_wire`]; its template must be one of the table's (both
    /// sides are the same build), else the English it renders to is kept as it is.
    pub fn from_wire(v: &serde_json::Value) -> Option<Text> {
        let written = v.get("t")?.as_str()?;
        let args = v
            .get("a")?
            .as_array()?
            .iter()
            .map(|a| {
                if let Some(p) = a.get("p").and_then(serde_json::Value::as_str) {
                    return Some(Arg::Plain(p.to_string()));
                }
                if let Some(n) = a.get("n").and_then(serde_json::Value::as_array) {
                    let s = |i: usize| {
                        n.get(i)
                            .and_then(serde_json::Value::as_str)
                            .map(str::to_string)
                    };
                    return Some(Arg::Names(Box::new([s(0)?, s(1)?, s(2)?])));
                }
                Text::from_wire(a).map(Arg::Text)
            })
            .collect::<Option<Vec<Arg>>>()?;
        match static_template(written) {
            Some(template) => Some(Text { template, args }),
            None => {
                let rendered = fill(written, |i, out| match args.get(i) {
                    Some(Arg::Plain(s)) => out.push_str(s),
                    Some(Arg::Text(t)) => out.push_str(&t.render(Lang::En)),
                    Some(Arg::Names(n)) => {
                        let [en, ..] = &**n;
                        out.push_str(en);
                    }
                    None => {}
                });
                Some(Text::verbatim(rendered))
            }
        }
    }
}

/// The table's own copy of a template (templates are `&'static str`).
fn static_template(written: &str) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    if written == "{0}" {
        return Some("{0}");
    }
    let index = INDEX.get_or_init(|| ENGLISH.iter().map(|en| (*en, ())).collect());
    index.get_key_value(written).map(|(k, _)| *k)
}

/// A sentence defined beside the code that says it, in the three languages, rather than in
/// the shared table: for code the page does not call (the command line, rows summed by site),
/// so that the page's wasm does not carry it. `{0}`, `{1}` stand for values. Each module's
/// tests pass its sentences to [`table_problems`].
#[derive(Debug, Clone, Copy)]
pub struct Says {
    pub en: &'static str,
    pub hant: &'static str,
    pub hans: &'static str,
}

impl Says {
    /// The sentence with its values, as a [`Text`] that renders in any language.
    pub fn with(&self, args: &[String]) -> Text {
        let fill_in = |template: &str| {
            fill(template, |i, out| {
                if let Some(a) = args.get(i) {
                    out.push_str(a);
                }
            })
        };
        Text::names(fill_in(self.en), fill_in(self.hant), fill_in(self.hans))
    }

    /// As a row of a translation table, for [`table_problems`].
    pub fn row(&self) -> (&'static str, &'static str, &'static str) {
        (self.en, self.hant, self.hans)
    }
}

/// What is wrong with a translation table (the engine's or the page's): an entry twice, a
/// missing Chinese script, or placeholders that differ between the languages. Empty when the
/// table is complete; the tests of both tables assert that.
pub fn table_problems(table: &[(&str, &str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (en, hant, hans) in table {
        if !seen.insert(*en) {
            problems.push(format!("“{en}” is in the table twice"));
        }
        if hant.trim().is_empty() || hans.trim().is_empty() {
            problems.push(format!("“{en}” lacks a translation"));
        }
        for i in 0..8 {
            let p = format!("{{{i}}}");
            let n = en.matches(&p).count();
            if hant.matches(&p).count() != n {
                problems.push(format!("“{en}”: {p} in Traditional"));
            }
            if hans.matches(&p).count() != n {
                problems.push(format!("“{en}”: {p} in Simplified"));
            }
        }
    }
    problems
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The whole catalogue, both parts: no entry twice (within a part or across them), no
    /// missing script, the same placeholders in each language. (That every literal `t!`, `tr!`
    /// and `trf!` are given is in the catalogue is checked as the crates are built.)
    #[test]
    fn the_catalogue_is_complete() {
        let all: Vec<(&str, &str, &str)> = catalogue().copied().collect();
        assert!(all.len() > 300, "only {} entries", all.len());
        assert_table_is_complete(&all);
        assert!(knows("{0}") && knows("{0} is zero"));
        assert!(!knows("a sentence nobody translated") && !knows(""));
        assert_eq!(knows("Inputs"), cfg!(feature = "page"), "a page word");
        assert_eq!(template_in(Lang::ZhHans, "{0} is zero"), "{0}为零");
    }

    /// The Chinese columns as files (what the page fetches when a Chinese script is chosen):
    /// each installs and then gives every template the embedded catalogue gives; a file of the
    /// other script, of another build, cut short or with an empty sentence is refused.
    #[test]
    fn a_translations_file_gives_the_catalogue_and_only_for_its_own_build() {
        let hant = translations_file(Lang::ZhHant);
        let hans = translations_file(Lang::ZhHans);
        assert!(fetched(Lang::ZhHant, "{0} is zero").is_none() || translations_ready(Lang::ZhHant));
        let why = |r: Result<(), Text>| r.unwrap_err().to_string();
        assert!(why(install_translations(Lang::ZhHant, &hans)).contains("another language"));
        assert!(why(install_translations(Lang::En, &hant)).contains("English needs none"));
        assert!(why(install_translations(Lang::ZhHant, "{")).contains("not JSON"));
        let other = hant.replace(&english_fingerprint(), "0123456789abcdef");
        assert!(why(install_translations(Lang::ZhHant, &other)).contains("another build"));
        let mut v: serde_json::Value = serde_json::from_str(&hant).unwrap();
        let text = v["text"].as_array_mut().unwrap();
        text.pop();
        let short = v.to_string();
        assert!(why(install_translations(Lang::ZhHant, &short)).contains("one sentence for each"));
        let mut v: serde_json::Value = serde_json::from_str(&hant).unwrap();
        v["text"][3] = serde_json::json!(" ");
        assert!(why(install_translations(Lang::ZhHant, &v.to_string())).contains("missing"));
        assert!(
            fetched(Lang::ZhHant, "{0} is zero").is_none(),
            "nothing installed by a refusal"
        );

        install_translations(Lang::ZhHant, &hant).unwrap();
        install_translations(Lang::ZhHans, &hans).unwrap();
        assert!(translations_ready(Lang::ZhHant) && translations_ready(Lang::ZhHans));
        let mut n = 0;
        for (en, h, s) in catalogue() {
            assert_eq!(fetched(Lang::ZhHant, en), Some(*h), "{en}");
            assert_eq!(fetched(Lang::ZhHans, en), Some(*s), "{en}");
            n += 1;
        }
        assert_eq!(n, COUNT);
        assert_eq!(fetched(Lang::ZhHans, "a sentence nobody translated"), None);
    }

    pub(crate) fn assert_table_is_complete(table: &[(&str, &str, &str)]) {
        let problems = super::table_problems(table);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Words chosen at run time (a source's name, a unit, a status) are in the table too.
    #[test]
    fn every_word_chosen_at_run_time_is_in_the_table() {
        use super::super::kpi::Denominator;
        use super::super::units::{Source, Status};
        let mut words: Vec<Text> = Vec::new();
        for s in Source::ALL {
            words.push(s.noun());
            words.push(s.title());
        }
        for d in [
            Denominator::FloorArea,
            Denominator::Employees,
            Denominator::Revenue,
        ] {
            words.push(d.noun());
            words.push(d.unit_text());
        }
        for s in [Status::Verified, Status::Secondary, Status::Unverified] {
            words.push(Text::word(s.id()));
        }
        for v in [
            serde_json::json!(null),
            serde_json::json!(true),
            serde_json::json!(1),
            serde_json::json!("x"),
            serde_json::json!([]),
            serde_json::json!({}),
        ] {
            words.push(super::super::scenario::kind_of(&v));
        }
        let missing: Vec<_> = words.iter().flat_map(Text::untranslated).collect();
        assert!(missing.is_empty(), "not in the table: {missing:?}");
    }

    #[test]
    fn placeholders_are_filled_in_any_order_and_other_braces_kept() {
        let s = fill("{1} then {0}, {x} {", |i, out| out.push_str(["a", "b"][i]));
        assert_eq!(s, "b then a, {x} {");
        assert_eq!(fill("{12", |_, _| {}), "{12");
    }

    #[test]
    fn nested_texts_render_in_the_same_language() {
        let inner = crate::t!("natural gas");
        let t = crate::t!("{0} has no calorific value", inner);
        assert_eq!(t.to_string(), "natural gas has no calorific value");
        assert_eq!(t.render(Lang::ZhHant), "天然氣沒有熱值");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"natural gas has no calorific value\""
        );
    }
}
