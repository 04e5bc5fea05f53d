//! The examples of the rule registry, analysed: each rule's good example does not produce its
//! code, and its bad example does (but where the example only sketches what it takes).

use sls_analysis::{Analysis, FileProbe, NoFiles};
use sls_diagnostics::Code;

/// Rules whose bad example cannot show the diagnostic by itself, and why.
const BAD_EXAMPLE_SKETCHES: &[(Code, &str)] = &[
    (
        Code::TooManyResources,
        "it takes some 170 functions: the example shows one and says so",
    ),
    (
        Code::TemplateTooLarge,
        "it takes 200 functions: the example shows one and says so",
    ),
];

/// Handler files are missing: what the bad example of SLS302 is about.
struct NothingExists;

impl FileProbe for NothingExists {
    fn exists(&self, _relative_path: &str) -> bool {
        false
    }
}

fn codes(text: &str, files: &dyn FileProbe) -> Vec<Code> {
    Analysis::new(text, files)
        .diagnostics()
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn good_examples_do_not_produce_their_rule() {
    for &code in Code::ALL {
        // The good examples assume the files they name exist (SLS302's handler modules).
        let found = codes(code.info().good, &NoFiles);
        assert!(
            !found.contains(&code),
            "{}'s good example produces it: {found:?}",
            code.as_str()
        );
    }
}

#[test]
fn bad_examples_produce_their_rule() {
    for &code in Code::ALL {
        if BAD_EXAMPLE_SKETCHES.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let found = codes(code.info().bad, &NothingExists);
        assert!(
            found.contains(&code),
            "{}'s bad example does not produce it: {found:?}",
            code.as_str()
        );
    }
}
