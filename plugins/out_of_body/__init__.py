"""Out-of-body frame detector: the camera shows the room instead of the inside of the patient."""
