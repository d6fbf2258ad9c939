"""licaudit: audit the AI models a repository depends on for license compliance."""

__version__ = "0.1.0"
