"""Media probing and decoding through PyAV."""
