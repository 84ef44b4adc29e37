mod controls;
mod drawing_canvas;
mod header;
mod notice_toast;
mod result_panel;

pub use controls::Controls;
pub use drawing_canvas::DrawingCanvas;
pub use header::Header;
pub use notice_toast::NoticeToast;
pub use result_panel::ResultPanel;
