use serde::{Serialize, Serializer};

/// A command's failure, sent to the UI as a message a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("The recognizer could not start: {0}")]
    Unavailable(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Recognize(#[from] recognizer::RecognizeError),
}

impl Serialize for CommandError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}
