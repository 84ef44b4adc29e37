//! About: the app's licence, the notices of what it ships (Rust crates, ONNX Runtime) and the credit for the
//! data its model was trained on, in a modal dialog opened from the header.
//!
//! The texts are compiled in from the repository's files, the same files every package installs beside the
//! app (`bundle.resources` in tauri.conf.json). `licenses/README.md` says how they are made.

use sycamore::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, KeyboardEvent, MouseEvent};

use super::diagnostics::Diagnostics;
use super::dialog::{call, focus, on_cancel};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One notice: a disclosure in the dialog.
struct Notice {
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    text: &'static str,
}

const NOTICES: [Notice; 4] = [
    Notice {
        id: "about-licence",
        title: "Digit Recognizer",
        summary: "MIT licence",
        text: include_str!("../../../LICENSE"),
    },
    Notice {
        id: "about-data",
        title: "Training data",
        summary: "MNIST (CC BY-SA 3.0) and UNIPEN (CC BY 4.0)",
        text: include_str!("../../../licenses/DATA.md"),
    },
    Notice {
        id: "about-onnxruntime",
        title: "ONNX Runtime",
        summary: "MIT licence, Microsoft",
        text: include_str!("../../../licenses/ONNXRUNTIME.md"),
    },
    Notice {
        id: "about-crates",
        title: "Rust crates",
        summary: "MIT, Apache-2.0, Unicode-3.0, Zlib, MPL-2.0, BSD, ISC",
        // The list only: with every licence text the notice would make the UI half as big again. The texts
        // are installed with the app (licenses/THIRD-PARTY-CRATES.md).
        text: include_str!("../../../licenses/THIRD-PARTY-CRATES-SUMMARY.md"),
    },
];

/// A piece of a notice, as the dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(String),
    Paragraph(String),
    Item(String),
}

/// Turns a notice (plain text or the plain Markdown of `licenses/`) into headings, paragraphs and list items,
/// so that its hard-wrapped lines flow at any window width. A table row becomes an item (`serde 1.0.229:
/// MIT OR Apache-2.0`); emphasis, code marks and fences are dropped.
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None; // a paragraph or item that the next line may continue
    for line in text.lines() {
        let line = line.trim_end();
        let trimmed = line.trim_start();
        let plain = |s: &str| s.replace("**", "").replace('`', "").replace(['<', '>'], "");
        let finished = |open: &mut Option<Block>, blocks: &mut Vec<Block>| blocks.extend(open.take());
        if trimmed.is_empty() || trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            finished(&mut open, &mut blocks);
        } else if let Some(heading) = trimmed.strip_prefix('#') {
            finished(&mut open, &mut blocks);
            blocks.push(Block::Heading(plain(heading.trim_start_matches('#').trim())));
        } else if let Some(row) = trimmed.strip_prefix('|') {
            finished(&mut open, &mut blocks);
            let cells: Vec<String> = row.trim_end_matches('|').split('|').map(|c| plain(c.trim())).collect();
            let is_rule = cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':'));
            let is_header = cells.get(1).is_some_and(|c| !c.starts_with(|ch: char| ch.is_ascii_digit()));
            if !is_rule && !is_header {
                let item = match cells.as_slice() {
                    [name, version, licence, ..] => format!("{name} {version}: {licence}"),
                    _ => cells.join(" "),
                };
                blocks.push(Block::Item(item));
            }
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            finished(&mut open, &mut blocks);
            open = Some(Block::Item(plain(item)));
        } else {
            match &mut open {
                Some(Block::Paragraph(text) | Block::Item(text)) => {
                    text.push(' ');
                    text.push_str(&plain(trimmed));
                }
                _ => open = Some(Block::Paragraph(plain(trimmed))),
            }
        }
    }
    blocks.extend(open);
    blocks
}

fn render(text: &'static str) -> View {
    blocks(text)
        .into_iter()
        .map(|block| match block {
            Block::Heading(text) => view! { h3(class="about-heading") { (text) } },
            Block::Paragraph(text) => view! { p { (text) } },
            Block::Item(text) => view! { p(class="about-item") { (text) } },
        })
        .collect::<Vec<_>>()
        .into()
}

/// The About button and its dialog. A native modal `<dialog>`: the page behind is inert and focus stays in
/// it; Close, Escape or a click outside it closes it and gives the focus back to the button.
#[component]
pub fn About() -> View {
    let open = create_signal(false);
    let button_ref = create_node_ref();
    let dialog_ref = create_node_ref();
    let close_ref = create_node_ref();
    let dialog = move || dialog_ref.try_get().and_then(|n| n.dyn_into::<Element>().ok());

    let show = move |_: MouseEvent| {
        if open.get_untracked() {
            return;
        }
        open.set(true);
        if let Some(dialog) = dialog() {
            if !call(&dialog, "showModal") {
                dialog.set_attribute("open", "").ok(); // an engine without modal dialogs: shown in place
            }
        }
        focus(close_ref);
    };
    let hide = move || {
        if !open.get_untracked() {
            return;
        }
        open.set(false);
        if let Some(dialog) = dialog() {
            if !call(&dialog, "close") {
                dialog.remove_attribute("open").ok();
            }
        }
        focus(button_ref);
    };

    // Every key pressed in the dialog stays in it: the app's shortcuts (Enter reads, Escape and Delete clear)
    // listen on the window and must not act on the canvas behind the dialog.
    let on_key = move |event: KeyboardEvent| {
        event.stop_propagation();
        if event.key() == "Escape" {
            event.prevent_default();
            hide();
        }
    };
    // A click on the backdrop reaches the dialog itself; a click on its content reaches a child.
    let on_click = move |event: MouseEvent| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if target.is_some() && target == dialog() {
            hide();
        }
    };
    // Closed some other way (the engine's own Escape handling): keep the state in step.
    let on_close = move |_: Event| hide();

    on_mount(move || on_cancel(dialog_ref, hide));

    view! {
        button(r#ref=button_ref, id="about-button", class="icon-button about-button", r#type="button",
               title="About Digit Recognizer and its licences", aria-label="About Digit Recognizer and its licences",
               aria-haspopup="dialog", aria-expanded=move || open.get().to_string(), on:click=show) {
            span(class="about-icon", aria-hidden="true") { "i" }
        }
        dialog(r#ref=dialog_ref, id="about", class="about", aria-labelledby="about-title",
               on:keydown=on_key, on:click=on_click, on:close=on_close) {
            div(class="about-head") {
                h2(id="about-title") { "About Digit Recognizer" }
                button(r#ref=close_ref, id="about-close", class="button about-close", r#type="button",
                       on:click=move |_| hide()) {
                    "Close"
                }
            }
            div(class="about-scroll") {
                p(class="about-lead") {
                    "Version " (VERSION) ". Reads handwritten digits on this device: nothing you draw or open "
                    "leaves it. Free software under the MIT licence. It ships ONNX Runtime and Rust crates "
                    "under their own licences, and its model was trained on public data sets, credited below."
                }
                Diagnostics(open=*open)
                // Rendered only while open: the crates' notice is long, and the page does not need it otherwise.
                (move || open.get().then(|| view! {
                    div(class="about-notices") {
                        (NOTICES.iter().map(|notice| view! {
                            details(id=notice.id, class="about-notice") {
                                summary {
                                    span(class="about-notice-title") { (notice.title) }
                                    span(class="about-notice-summary") { (notice.summary) }
                                }
                                div(class="about-text") { (render(notice.text)) }
                            }
                        }).collect::<Vec<_>>())
                    }
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_flow_as_paragraphs_items_and_headings() {
        let text = "# Title\n\nA hard-wrapped\nparagraph with **bold** and `code`.\n\n- **Credit:** one\n  continued\n- two\n\n\
                    ~~~~text\nMIT License\n\nCopyright (c) <https://x>\n~~~~\n\n| Crate | Version | Licence |\n| --- | --- | --- |\n\
                    | serde | 1.0.229 | MIT OR Apache-2.0 |\n";
        assert_eq!(
            blocks(text),
            vec![
                Block::Heading("Title".into()),
                Block::Paragraph("A hard-wrapped paragraph with bold and code.".into()),
                Block::Item("Credit: one continued".into()),
                Block::Item("two".into()),
                Block::Paragraph("MIT License".into()),
                Block::Paragraph("Copyright (c) https://x".into()),
                Block::Item("serde 1.0.229: MIT OR Apache-2.0".into()),
            ]
        );
    }

    #[test]
    fn every_notice_has_text_and_the_crates_list_has_rows() {
        for notice in &NOTICES {
            assert!(blocks(notice.text).len() > 2, "{} is nearly empty", notice.id);
        }
        let crates = blocks(NOTICES[3].text);
        assert!(crates.iter().filter(|b| matches!(b, Block::Item(_))).count() > 100);
        assert!(crates.contains(&Block::Heading("The app".into())));
    }
}
