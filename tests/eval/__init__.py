"""Labelled evaluation set for the detectors: clip recipes and annotations over the shared samples."""
