"""The PySide6 editor window of Voile; the engine it drives is in ``app``."""
