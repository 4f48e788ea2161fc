"""deckgen: Chinese work-conference speech -> editable outline -> branded PowerPoint deck."""

__version__ = "0.1.0"
