"""Themes: palette, fonts, sizes, logo and footer, loaded from YAML data."""
