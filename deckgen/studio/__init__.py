"""The deck studio."""
