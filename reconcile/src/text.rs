//! The texts of the position (explanations, rejections) written at their exact length.
//!
//! `format!` starts from an estimate of up to twice its literal text and grows by doubling, and
//! a million consumers keep several texts each: about a tenth of the position was capacity never
//! used. [`text!`] formats into a buffer kept per thread and copies the result into a string of
//! its length, which costs one allocation, as `format!` does at best.

use std::cell::RefCell;
use std::fmt::{Arguments, Write};

thread_local! {
    static BUFFER: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `args` written out, at the exact length.
pub(crate) fn exact(args: Arguments<'_>) -> String {
    if let Some(s) = args.as_str() {
        return s.to_owned();
    }
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            // Writing into a string cannot fail (only a `Display` that errs could make it).
            let _ = buffer.write_fmt(args);
            let out = String::from(buffer.as_str());
            // A very long text leaves no large buffer behind.
            if buffer.capacity() > 4096 {
                *buffer = String::new();
            }
            out
        }
        // Formatting inside a formatting (a `Display` that writes a text): the plain way.
        Err(_) => std::fmt::format(args),
    })
}

/// Like `format!`, at the exact length (see the module).
macro_rules! text {
    ($($arg:tt)*) => {
        $crate::text::exact(format_args!($($arg)*))
    };
}
pub(crate) use text;

#[cfg(test)]
mod tests {
    #[test]
    fn texts_are_exact() {
        let s = text!("{} licence for {}", 1, "device:pc-1");
        assert_eq!(s, "1 licence for device:pc-1");
        assert_eq!(s.capacity(), s.len());
        let plain = text!("no entitlement covers it");
        assert_eq!(plain.capacity(), plain.len());
        let long = text!("{}", "x".repeat(10_000));
        assert_eq!(long.len(), 10_000);
        assert_eq!(text!("{}", text!("{}-{}", "a", 2)), "a-2");
    }

    #[test]
    fn a_text_inside_a_text_is_written_the_plain_way() {
        struct Nested;
        impl std::fmt::Display for Nested {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&text!("in{}", 1))
            }
        }
        assert_eq!(text!("out {Nested}"), "out in1");
    }
}
