//! Text from outside made harmless: escape sequences and invisible characters, found and
//! removed, for pastes and for whatever Zoom or a proxy answers.

use zeroize::Zeroizing;

/// Characters that show nothing but change what a value is: zero-width characters, the soft
/// hyphen, bidi controls, word joiners, variation selectors, tags, line/paragraph separators,
/// and every C0/C1 control character (ESC included).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Removes whole escape sequences (CSI `ESC [ … final`, OSC/DCS/APC/PM/SOS strings up to BEL
/// or ST, two-character escapes, and their 8-bit C1 forms), so a pasted colour code or
/// bracketed-paste marker leaves no `[31m` residue. Lone control characters are left for
/// `is_invisible` to remove.
pub fn strip_escape_sequences(text: &str) -> Zeroizing<String> {
    enum Sequence {
        Csi,
        ControlString,
    }
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let sequence = match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    Sequence::Csi
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    Sequence::ControlString
                }
                Some(&n) if (' '..='~').contains(&n) => {
                    chars.next();
                    continue;
                }
                _ => continue,
            },
            '\u{9b}' => Sequence::Csi,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Sequence::ControlString,
            _ => {
                out.push(c);
                continue;
            }
        };
        if let Sequence::Csi = sequence {
            // Parameters and intermediates, then one final byte; anything else ends a
            // malformed sequence without being swallowed.
            while chars.peek().is_some_and(|n| (' '..='?').contains(n)) {
                chars.next();
            }
            if chars.peek().is_some_and(|n| ('@'..='~').contains(n)) {
                chars.next();
            }
        } else {
            // A control string runs to BEL or ST (ESC \ or U+009C); unterminated, to the end.
            while let Some(n) = chars.next() {
                if n == '\u{7}' || n == '\u{9c}' {
                    break;
                }
                if n == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
    }
    out
}

/// Text from outside (Zoom's answers, a proxy's page) made safe to print on a terminal: whole
/// escape sequences and every other control character removed, nothing else changed.
pub fn terminal_safe(text: &str) -> String {
    strip_escape_sequences(text)
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// A count with thousands separators, the same in both languages: `8000` → `8,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
