//! Prints the dump of a YAML file or of the text given as the argument (`\n`, `\r`, `\t` escapes).

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let text = match std::fs::read_to_string(&arg) {
        Ok(text) => text,
        Err(_) => arg
            .replace("\\n", "\n")
            .replace("\\r", "\r")
            .replace("\\t", "\t"),
    };
    print!("{}", sls_syntax::parse(&text).dump(&text));
}
