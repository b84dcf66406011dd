"""Detector for user-supplied ONNX models in the YOLO output layout (persons, screens, tattoos)."""
