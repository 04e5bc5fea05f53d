//! Whether files exist, answered from each folder's listing read once: a service of thousands
//! of functions asks for four handler files per function, almost all in one or two folders
//! (and most often absent), which is thousands of `stat` calls against one read of a folder.
//!
//! The answers are those of the filesystem: an entry whose type the listing does not give (a
//! symbolic link, an unknown type) is asked about directly, and so is a name the listing lacks
//! when the folder might still hold it under another spelling (a case-insensitive or
//! Unicode-normalising filesystem) or when the folder cannot be listed but may be searchable.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The listings of the folders asked about so far, by the folder's path as written (its bytes
/// are hashed at once; a `Path` is hashed component by component, and thousands of questions
/// ask about the same folder).
#[derive(Default)]
pub struct Listings {
    folders: Mutex<HashMap<OsString, Arc<Folder>>>,
}

/// What one folder's listing says.
enum Folder {
    /// The folder does not exist (or is not a folder): nothing is in it.
    Absent,
    /// The folder could not be listed: every question goes to the filesystem.
    Unlisted,
    Listed(HashMap<OsString, Kind>),
}

/// An entry's type, as far as the listing tells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    /// A symbolic link or an entry of another or unknown type.
    Other,
}

/// What a question is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Question {
    /// A file, following symbolic links (`Path::is_file`).
    File,
    /// Anything (`Path::exists`).
    Anything,
}

impl Listings {
    /// `path.is_file()`.
    pub fn is_file(&self, path: &Path) -> bool {
        self.answer(path, Question::File)
    }

    /// `path.exists()`.
    pub fn exists(&self, path: &Path) -> bool {
        self.answer(path, Question::Anything)
    }

    fn answer(&self, path: &Path, question: Question) -> bool {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return question.of(path);
        };
        self.folder(folder)
            .answer(name, question, || path.to_path_buf())
    }

    /// The listing of `folder`, read the first time it is asked for.
    fn folder(&self, folder: &Path) -> Arc<Folder> {
        if let Some(known) = self
            .folders
            .lock()
            .ok()
            .and_then(|f| f.get(folder.as_os_str()).cloned())
        {
            return known;
        }
        let listed = Arc::new(list(folder));
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(folder.as_os_str().to_owned(), listed.clone());
        }
        listed
    }
}

impl Question {
    /// The filesystem's answer.
    fn of(self, path: &Path) -> bool {
        match self {
            Question::File => path.is_file(),
            Question::Anything => path.exists(),
        }
    }
}

impl Folder {
    /// The answer about the entry `name` of this folder (`path` when the filesystem is asked).
    fn answer(&self, name: &OsStr, question: Question, path: impl FnOnce() -> PathBuf) -> bool {
        match self {
            Folder::Absent => false,
            Folder::Unlisted => question.of(&path()),
            Folder::Listed(entries) => match entries.get(name) {
                Some(Kind::File) => true,
                Some(Kind::Folder) => question == Question::Anything,
                Some(Kind::Other) => question.of(&path()),
                None if may_be_spelt_otherwise(name, entries) => question.of(&path()),
                None => false,
            },
        }
    }
}

/// [`Listings`] of the folders under one folder, asked about by paths relative to it: each
/// relative folder is looked up once, by its name as written, so that no path is built per
/// question (a large service asks thousands).
pub struct RelativeListings {
    base: PathBuf,
    listings: Listings,
    by_folder: Mutex<HashMap<String, Arc<Folder>>>,
}

impl RelativeListings {
    pub fn new(base: PathBuf) -> RelativeListings {
        RelativeListings {
            base,
            listings: Listings::default(),
            by_folder: Mutex::default(),
        }
    }

    /// The folder the paths are relative to.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// `base.join(relative).is_file()`.
    pub fn is_file(&self, relative: &str) -> bool {
        self.answer(relative, Question::File)
    }

    /// `base.join(relative).exists()`.
    pub fn exists(&self, relative: &str) -> bool {
        self.answer(relative, Question::Anything)
    }

    fn answer(&self, relative: &str, question: Question) -> bool {
        let path = || self.base.join(relative);
        let Some((folder, name)) = plain_split(relative) else {
            return self.listings.answer(&path(), question);
        };
        let known = self
            .by_folder
            .lock()
            .ok()
            .and_then(|folders| folders.get(folder).cloned());
        let listing = known.unwrap_or_else(|| {
            let listing = self.listings.folder(&self.base.join(folder));
            if let Ok(mut folders) = self.by_folder.lock() {
                folders.insert(folder.to_owned(), Arc::clone(&listing));
            }
            listing
        });
        listing.answer(OsStr::new(name), question, path)
    }
}

/// A relative path of plain names (`src/handlers/a.js`) cut into its folder (`src/handlers`,
/// empty for the base itself) and its last name; `None` for anything else (`.`, `..`, an
/// empty name, an absolute path, a backslash), which is asked about as a whole path.
fn plain_split(relative: &str) -> Option<(&str, &str)> {
    let plain = |name: &str| !name.is_empty() && name != "." && name != "..";
    if relative.contains('\\') || !relative.split('/').all(plain) {
        return None;
    }
    Some(relative.rsplit_once('/').unwrap_or(("", relative)))
}

/// Folders with more entries than this are not listed (a few `stat` calls cost less than
/// reading a huge folder).
const MAX_LISTED: usize = 4_096;

/// Reads a folder's entries.
fn list(folder: &Path) -> Folder {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if matches!(error.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Folder::Absent;
        }
        Err(_) => return Folder::Unlisted,
    };
    let mut listed = HashMap::new();
    for entry in entries {
        let Ok(entry) = entry else {
            return Folder::Unlisted;
        };
        if listed.len() == MAX_LISTED {
            return Folder::Unlisted;
        }
        let kind = match entry.file_type() {
            Ok(kind) if kind.is_file() => Kind::File,
            Ok(kind) if kind.is_dir() => Kind::Folder,
            _ => Kind::Other,
        };
        listed.insert(entry.file_name(), kind);
    }
    Folder::Listed(listed)
}

/// Whether a name the listing lacks may still name an entry: a filesystem that ignores case
/// or normalises Unicode finds `Handler.js` for `handler.js`.
fn may_be_spelt_otherwise(name: &OsStr, entries: &HashMap<OsString, Kind>) -> bool {
    let Some(name) = name.to_str().filter(|n| n.is_ascii()) else {
        return true;
    };
    entries
        .keys()
        .any(|entry| entry.to_str().is_none_or(|e| e.eq_ignore_ascii_case(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_filesystem_does() {
        let dir = std::env::temp_dir().join(format!("sls-listings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/folder.js")).expect("folders");
        std::fs::write(dir.join("src/handler.js"), "").expect("a file");
        std::fs::write(dir.join("src/Upper.ts"), "").expect("a file");
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink(dir.join("src/handler.js"), dir.join("src/link.js"));
            let _ = std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("src/dangling.js"));
        }
        let listings = Listings::default();
        let paths = [
            "src/handler.js",
            "src/handler.ts",
            "src/folder.js",
            "src/Upper.ts",
            "src/upper.ts",
            "src/link.js",
            "src/dangling.js",
            "src/nested/x.js",
            "missing/x.js",
            "src/handler.js/x",
            "src/../src/handler.js",
        ];
        let relative_listings = RelativeListings::new(dir.clone());
        let odd = [
            "./src/handler.js",
            "src//handler.js",
            "src/",
            "",
            ".",
            "src\\handler.js",
        ];
        for _ in 0..2 {
            for relative in paths.iter().chain(&odd) {
                let path = dir.join(relative);
                assert_eq!(
                    listings.is_file(&path),
                    path.is_file(),
                    "is_file {relative}"
                );
                assert_eq!(listings.exists(&path), path.exists(), "exists {relative}");
                let by_name = &relative_listings;
                assert_eq!(by_name.is_file(relative), path.is_file(), "{relative}");
                assert_eq!(by_name.exists(relative), path.exists(), "{relative}");
            }
        }
        assert_eq!(
            plain_split("src/handlers/a.js"),
            Some(("src/handlers", "a.js"))
        );
        assert_eq!(plain_split("a.js"), Some(("", "a.js")));
        for odd in odd.iter().chain(&["/abs/a.js", "src/../a.js"]) {
            assert_eq!(plain_split(odd), None, "{odd}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
