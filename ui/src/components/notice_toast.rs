use sycamore::prelude::*;

use crate::app_state::AppState;

/// The notices (nothing to read, already shown, already clear, ...) as a toast that slides in and fades after
/// a few seconds.
#[component]
pub fn NoticeToast() -> View {
    let state = use_context::<AppState>();
    view! {
        div(class="toast-region", aria-live="assertive") {
            (move || state.notice.get_clone().map(|notice| view! {
                div(id="notice", class="toast", role="status", data-id=notice.id.to_string()) { (notice.text) }
            }))
        }
    }
}
