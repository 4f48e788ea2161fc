"""The text engine: how text measures, breaks into lines and where its words are."""
