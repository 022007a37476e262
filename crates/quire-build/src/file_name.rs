//! What a post's file name says: its slug, and in a Hexo blog whose `new_post_name` puts the
//! date in it (`:year-:month-:day-:title.md`), its date. Hexo reads a post's path under
//! `_posts/` through that pattern: `2014-06-14-hexo-2-7-released.md` is the post
//! `hexo-2-7-released` of 14 June 2014, and `Ads/Ads Overview.md` is `Ads/Ads Overview`, folder,
//! spaces and all.

use std::path::Path;

use chrono::NaiveDate;

use crate::permalink::{pattern_pieces, PatternPiece};
use crate::slug::post_slug;

/// How a site names its posts' files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostNames {
    /// Quire's own: the slug is the file's stem, made URL-friendly (`Hello World?.md` is
    /// `Hello-World`).
    Quire,
    /// Hexo's: the path under `_posts/`, without its extension, read through `new_post_name`
    /// and kept as written, then `filename_case`.
    Hexo {
        pattern: Vec<Piece>,
        case: FilenameCase,
    },
}

/// A piece of a `new_post_name` pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// `:year`, `:month`, `:day` (`:i_month`, `:i_day` unpadded): digits.
    Date(DatePart, usize, usize),
    /// `:title`, and any other token: any text.
    Title,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

/// Hexo's `filename_case`: 0 keeps the case, 1 lowers it, 2 raises it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FilenameCase {
    #[default]
    AsWritten,
    Lower,
    Upper,
}

/// What a file name gave.
#[derive(Debug, PartialEq, Eq)]
pub struct FromFileName {
    pub slug: String,
    pub date: Option<NaiveDate>,
}

impl PostNames {
    /// Whether the site is a Hexo blog: what Hexo does, Quire does too (its slugs, its
    /// dates, its leniency, each with a warning).
    pub fn is_hexo(&self) -> bool {
        matches!(self, Self::Hexo { .. })
    }

    /// Hexo's naming, from `new_post_name` (default `:title.md`) and `filename_case`.
    pub fn hexo(new_post_name: &str, case: FilenameCase) -> Self {
        let pattern = new_post_name
            .rsplit_once('.')
            .filter(|(_, extension)| !extension.contains(['/', ':']))
            .map_or(new_post_name, |(stem, _)| stem);
        let pieces = pattern_pieces(pattern)
            .into_iter()
            .map(|piece| match piece {
                PatternPiece::Text(text) => Piece::Text(text.to_owned()),
                PatternPiece::Token("year") => Piece::Date(DatePart::Year, 4, 4),
                PatternPiece::Token("month") => Piece::Date(DatePart::Month, 2, 2),
                PatternPiece::Token("day") => Piece::Date(DatePart::Day, 2, 2),
                PatternPiece::Token("i_month") => Piece::Date(DatePart::Month, 1, 2),
                PatternPiece::Token("i_day") => Piece::Date(DatePart::Day, 1, 2),
                PatternPiece::Token(_) => Piece::Title,
            })
            .collect();
        Self::Hexo {
            pattern: pieces,
            case,
        }
    }

    /// The slug and date that the post file at `relative` (its path under the posts folder)
    /// gives.
    pub fn read(&self, relative: &Path) -> FromFileName {
        let Self::Hexo { pattern, case } = self else {
            let stem = relative.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            return FromFileName {
                slug: post_slug(stem),
                date: None,
            };
        };
        let path = relative.to_string_lossy().replace('\\', "/");
        let stem = path
            .rsplit_once('.')
            .filter(|(_, extension)| !extension.contains('/'))
            .map_or(path.as_str(), |(stem, _)| stem);
        let mut date = [None; 3];
        let mut title = None;
        let slug = if matches(pattern, stem, &mut date, &mut title) {
            title.unwrap_or(stem).to_owned()
        } else {
            stem.to_owned()
        };
        let slug = match case {
            FilenameCase::AsWritten => slug,
            FilenameCase::Lower => slug.to_lowercase(),
            FilenameCase::Upper => slug.to_uppercase(),
        };
        let date = match date {
            [Some(year), Some(month), Some(day)] => {
                NaiveDate::from_ymd_opt(year, month as u32, day as u32)
            }
            _ => None,
        };
        FromFileName { slug, date }
    }
}

/// Whether `text` matches `pattern` whole, filling the date parts and the title it holds.
/// Backtracking over a handful of pieces: titles match as little as they can, as Hexo's do.
fn matches<'t>(
    pattern: &[Piece],
    text: &'t str,
    date: &mut [Option<i32>; 3],
    title: &mut Option<&'t str>,
) -> bool {
    let Some((piece, rest)) = pattern.split_first() else {
        return text.is_empty();
    };
    match piece {
        Piece::Text(literal) => text
            .strip_prefix(literal.as_str())
            .is_some_and(|after| matches(rest, after, date, title)),
        Piece::Date(part, min, max) => {
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            (*min..=(*max).min(digits)).any(|len| {
                let saved = *date;
                date[*part as usize] = text[..len].parse().ok();
                let found = matches(rest, &text[len..], date, title);
                if !found {
                    *date = saved;
                }
                found
            })
        }
        Piece::Title => (1..=text.len())
            .filter(|&len| text.is_char_boundary(len))
            .any(|len| {
                let found = matches(rest, &text[len..], date, title);
                if found {
                    *title = Some(&text[..len]);
                }
                found
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(names: &PostNames, path: &str) -> (String, Option<String>) {
        let got = names.read(Path::new(path));
        (got.slug, got.date.map(|d| d.to_string()))
    }

    #[test]
    fn hexo_reads_the_date_and_the_slug_from_the_path() {
        let dated = PostNames::hexo(":year-:month-:day-:title.md", FilenameCase::AsWritten);
        assert_eq!(
            read(&dated, "2014-06-14-hexo-2-7-released.md"),
            ("hexo-2-7-released".into(), Some("2014-06-14".into()))
        );
        // A file that does not follow the pattern keeps its whole name, and no date.
        assert_eq!(read(&dated, "notes.md"), ("notes".into(), None));
        let plain = PostNames::hexo(":title.md", FilenameCase::AsWritten);
        assert_eq!(
            read(&plain, "Ads/Do the Right Thing, Then Wait.md"),
            ("Ads/Do the Right Thing, Then Wait".into(), None)
        );
        let unpadded = PostNames::hexo(":year/:i_month/:i_day/:title.md", FilenameCase::Lower);
        assert_eq!(
            read(&unpadded, "2020/3/7/Hello.markdown"),
            ("hello".into(), Some("2020-03-07".into()))
        );
    }

    #[test]
    fn quire_slugs_the_stem() {
        assert_eq!(
            read(&PostNames::Quire, "2024/Hello World?.md"),
            ("Hello-World".into(), None)
        );
    }
}
