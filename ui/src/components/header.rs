use sycamore::prelude::*;

#[component]
pub fn Header() -> View {
    view! {
        header(class="header") {
            img(class="logo", src="icon.svg", alt="", width="40", height="40")
            div {
                h1 { "Digit Recognizer" }
                p(class="subtitle") { "Draw a digit and press Predict" }
            }
        }
    }
}
