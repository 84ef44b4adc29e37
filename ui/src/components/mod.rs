mod announcer;
mod controls;
mod drawing_canvas;
mod drop_overlay;
mod header;
mod image_view;
mod notice_toast;
mod result_panel;
mod theme_toggle;

pub use announcer::Announcer;
pub use controls::Controls;
pub use drawing_canvas::DrawingCanvas;
pub use drop_overlay::DropOverlay;
pub use header::Header;
pub use image_view::ImageView;
pub use notice_toast::NoticeToast;
pub use result_panel::ResultPanel;
pub use theme_toggle::ThemeToggle;
