"""Redaction regions per frame and their rendering on YUV 4:2:0 planes."""
