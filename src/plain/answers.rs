//! Plain mode's answers, read: a number or `b`, the numbers of steps not done yet. Pure
//! functions, tested below.

/// An answer to a numbered question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pick {
    /// Zero-based index of the option.
    Number(usize),
    Back,
}

pub(super) fn is_back(answer: &str) -> bool {
    answer.eq_ignore_ascii_case("b")
}

/// Empty is the default; `b` is back; a number from 1 to `count`, or an alias.
pub(super) fn parse_pick(
    answer: &str,
    count: usize,
    default: usize,
    aliases: &[(&str, usize)],
) -> Option<Pick> {
    if answer.is_empty() {
        return Some(Pick::Number(default));
    }
    if is_back(answer) {
        return Some(Pick::Back);
    }
    if let Some((_, index)) = aliases
        .iter()
        .find(|(alias, _)| answer.eq_ignore_ascii_case(alias))
    {
        return Some(Pick::Number(*index));
    }
    match answer.parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Some(Pick::Number(n - 1)),
        _ => None,
    }
}

/// The zero-based items named in `answer` (`2 5`, `2,5`, `2、5`); empty for an empty answer
/// (all done); `None` when a part is not a number from 1 to `count`.
pub(super) fn parse_numbers(answer: &str, count: usize) -> Option<Vec<usize>> {
    answer
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| match part.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Some(n - 1),
            _ => None,
        })
        .collect::<Option<Vec<usize>>>()
        .filter(|numbers| !numbers.is_empty() || answer.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_take_the_default_back_numbers_and_aliases() {
        assert_eq!(parse_pick("", 2, 1, &[]), Some(Pick::Number(1)));
        assert_eq!(parse_pick("B", 2, 0, &[]), Some(Pick::Back));
        assert_eq!(parse_pick("2", 2, 0, &[]), Some(Pick::Number(1)));
        assert_eq!(parse_pick("3", 2, 0, &[]), None);
        assert_eq!(parse_pick("0", 2, 0, &[]), None);
        assert_eq!(parse_pick("yes", 2, 0, &[]), None);
        assert_eq!(parse_pick("r", 2, 0, &[("r", 1)]), Some(Pick::Number(1)));
    }

    #[test]
    fn numbers_not_done_are_read_in_any_separator() {
        assert_eq!(parse_numbers("", 5), Some(vec![]));
        assert_eq!(parse_numbers("2 5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("2,5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("2、5", 5), Some(vec![1, 4]));
        assert_eq!(parse_numbers("6", 5), None);
        assert_eq!(parse_numbers("done", 5), None);
    }
}
