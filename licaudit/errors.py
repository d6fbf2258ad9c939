"""Errors that end a command with exit code 2 and a one-line message."""


class LicauditError(Exception):
    """A usage or configuration error: the CLI prints ``licaudit: error: <message>`` and exits 2."""


class ConfigError(LicauditError):
    """A configuration, policy or data file is missing or invalid."""
